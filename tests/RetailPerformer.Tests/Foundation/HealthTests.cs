using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

public sealed class HealthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Health_answers_ok_with_a_utc_timestamp_and_no_authentication(string method)
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        var response = await api.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/health"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("ok");
        var timestamp = body.GetProperty("timestamp").GetString()!;
        timestamp.ShouldEndWith("Z");
        DateTime.Parse(timestamp, null, System.Globalization.DateTimeStyles.RoundtripKind).ShouldBeInRange(before, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Readiness_answers_200_while_the_database_answers()
    {
        var response = await api.Client().GetAsync("/health/ready");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("ready");
    }
}
