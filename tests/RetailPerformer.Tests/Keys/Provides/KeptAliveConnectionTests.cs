using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using System.Net;

namespace RetailPerformer.Tests.Keys.Provides;

/// <summary>
/// A connection remembers the hash of the key it presented last (PresentedKeyMemo): what it remembers must never stand for
/// another key, nor outlive a revocation.
/// </summary>
public sealed class KeptAliveConnectionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Keys_presented_in_turn_on_one_connection_are_each_themselves_and_a_revocation_applies_at_once()
    {
        var first = await TestTenant.CreateAsync(api);
        var other = await TestTenant.CreateAsync(api);
        var firstKey = await first.CreateKeyAsync("stores:read");
        var otherKey = await other.CreateKeyAsync("stats:read");
        // The same length as the first key, one character off at its end or in its middle: compared in full, not by length.
        static string OneOff(string secret, int at) => secret[..at] + (secret[at] == 'A' ? 'B' : 'A') + secret[(at + 1)..];
        var forgedAtEnd = OneOff(firstKey.Secret, firstKey.Secret.Length - 1);
        var forgedInMiddle = OneOff(firstKey.Secret, firstKey.Secret.Length / 2);

        // One connection at most, and each answer read before the next request: every request below rides the same one.
        using var connection = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = api.Client().BaseAddress };
        async Task<HttpResponseMessage> Me(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/integrations/me");
            request.Headers.Add("X-API-Key", key);
            return await connection.SendAsync(request);
        }

        (await (await Me(firstKey.Secret)).ShouldBe(HttpStatusCode.OK)).Id("key_id").ShouldBe(firstKey.Id);
        (await (await Me(otherKey.Secret)).ShouldBe(HttpStatusCode.OK)).Id("key_id").ShouldBe(otherKey.Id);
        (await (await Me(firstKey.Secret)).ShouldBe(HttpStatusCode.OK)).Id("tenant_id").ShouldBe(first.TenantId);
        await (await Me(forgedAtEnd)).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key invalid");
        (await (await Me(firstKey.Secret)).ShouldBe(HttpStatusCode.OK)).Id("key_id").ShouldBe(firstKey.Id);
        await (await Me(forgedInMiddle)).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key invalid");
        (await (await Me(firstKey.Secret)).ShouldBe(HttpStatusCode.OK)).Id("key_id").ShouldBe(firstKey.Id);

        await (await first.Gerant().DeleteAsync($"/api/gerant/api-keys/{firstKey.Id}")).ShouldBe(HttpStatusCode.OK);
        await (await Me(firstKey.Secret)).ShouldBeProblem(HttpStatusCode.Unauthorized, "API key revoked");
        (await (await Me(otherKey.Secret)).ShouldBe(HttpStatusCode.OK)).Id("key_id").ShouldBe(otherKey.Id);
    }
}
