using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Keys.Provides;

public sealed class KeyRevocationListenerTests(ApiFactory hostA, SecondHost hostB) : IClassFixture<ApiFactory>, IClassFixture<SecondHost>
{
    [Fact]
    public async Task A_key_deactivated_on_one_host_is_refused_by_another_host_that_had_it_cached()
    {
        var tenant = await TestTenant.CreateAsync(hostA);
        var key = await tenant.CreateKeyAsync("kpi:write");
        var onB = TestTenant.WithKey(hostB, key.Secret);
        await (await onB.GetAsync("/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK); // cached on B

        await (await tenant.Gerant().DeleteAsync($"/api/gerant/api-keys/{key.Id}")).ShouldBe(HttpStatusCode.OK);

        // The notification travels through PostgreSQL; well under a second, far under the cache's lifetime.
        var deadline = DateTime.UtcNow.AddSeconds(3);
        HttpStatusCode status;
        do status = (await onB.GetAsync("/api/v1/integrations/me")).StatusCode;
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
