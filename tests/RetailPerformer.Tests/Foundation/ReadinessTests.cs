using System.Net;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

public sealed class ReadinessTests(OwnServerApiFactory api) : IClassFixture<OwnServerApiFactory>
{
    [Fact]
    public async Task While_the_database_is_down_readiness_and_business_endpoints_answer_503_with_retry_after_then_recover()
    {
        var client = api.Client();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await api.Cluster.StopAsync();
        try
        {
            var down = await client.GetAsync("/health/ready");
            await down.ShouldBe(HttpStatusCode.ServiceUnavailable);
            down.Headers.RetryAfter.ShouldNotBeNull();
            // Liveness does not depend on the database.
            (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            // A business endpoint answers 503 too, never a 500.
            var register = await client.PostJson("/api/auth/register", new { name = "x", email = TestTenant.UniqueEmail(), password = "password123" });
            await register.ShouldBe(HttpStatusCode.ServiceUnavailable);
            register.Headers.RetryAfter.ShouldNotBeNull();
        }
        finally
        {
            await api.RestartServerAsync();
        }

        // The pool may hold connections of the old server for one more attempt.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        do status = (await client.GetAsync("/health/ready")).StatusCode;
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(200).ContinueWith(_ => true));
        status.ShouldBe(HttpStatusCode.OK);
    }
}
