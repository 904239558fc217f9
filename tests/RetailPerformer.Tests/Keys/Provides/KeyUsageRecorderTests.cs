using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;
using System.Text.Json;

namespace RetailPerformer.Tests.Keys.Provides;

public sealed class KeyUsageRecorderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Last_used_at_is_recorded_off_the_request_path()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("kpi:write");
        (await api.Scalar<DateTime?>("SELECT last_used_at FROM keys.api_keys WHERE id = $1", key.Id)).ShouldBeNull();

        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);

        DateTime? lastUsed = null;
        for (var i = 0; i < 50 && lastUsed is null; i++)
        {
            await Task.Delay(100);
            lastUsed = await api.Scalar<DateTime?>("SELECT last_used_at FROM keys.api_keys WHERE id = $1", key.Id);
        }
        lastUsed.ShouldNotBeNull();
        var listed = await (await tenant.Gerant().GetAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);
        listed.GetProperty("last_used_at").ValueKind.ShouldBe(JsonValueKind.String);
    }
}
