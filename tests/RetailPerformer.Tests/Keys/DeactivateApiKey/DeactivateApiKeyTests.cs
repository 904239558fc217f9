using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;
using System.Text.Json;

namespace RetailPerformer.Tests.Keys.DeactivateApiKey;

public sealed class DeactivateApiKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Deactivate_refuses_the_key_on_the_very_next_request_and_keeps_it_as_history()
    {
        var tenant = await TestTenant.CreateAsync(api);
        var key = await tenant.CreateKeyAsync("kpi:write");
        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);

        var deactivated = await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);
        deactivated.GetProperty("success").GetBoolean().ShouldBeTrue();

        await (await tenant.WithKey(key.Secret).GetAsync("/api/v1/integrations/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key revoked");
        var list = await (await tenant.Gerant().GetAsync("/api/gerant/api-keys")).ShouldBe(HttpStatusCode.OK);
        var listed = list.GetProperty("api_keys").EnumerateArray().Single(k => k.Id("id") == key.Id);
        listed.GetProperty("active").GetBoolean().ShouldBeFalse();
        listed.GetProperty("revoked_at").ValueKind.ShouldBe(JsonValueKind.String);

        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBeProblem(HttpStatusCode.BadRequest, "API key already deactivated");
        await (await tenant.Gerant().PostAsync($"/api/gerant/api-keys/{key.Id}/regenerate", null)).ShouldBe(HttpStatusCode.BadRequest);
        await (await tenant.Gerant().DeleteAsync("/api/gerant/api-keys/not-an-id")).ShouldBe(HttpStatusCode.NotFound);
    }
}
