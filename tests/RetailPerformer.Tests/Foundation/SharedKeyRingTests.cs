using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using RetailPerformer.Shared.Data;
using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Tests.WebConsole;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>Issue 18, item 1: one data-protection key ring in PostgreSQL, read by every host.</summary>
public sealed class SharedKeyRingTests(ApiFactory hostA, SecondHost hostB) : IClassFixture<ApiFactory>, IClassFixture<SecondHost>
{
    [Fact]
    public async Task The_keys_every_host_uses_are_the_rows_of_the_database_table()
    {
        foreach (var host in new ApiFactory[] { hostA, hostB })
        {
            host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository.ShouldBeOfType<PostgresKeyRing>();
            var ids = host.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId:D}").ToList();
            ids.ShouldNotBeEmpty();
            foreach (var id in ids)
                (await host.Scalar<long>("SELECT count(*) FROM platform.data_protection_keys WHERE friendly_name = $1", id)).ShouldBe(1, id);
        }
        // Nothing of the ring is kept in the home folder any more: one place, shared.
        (await hostA.Scalar<string>("SELECT xml FROM platform.data_protection_keys LIMIT 1")).ShouldNotBeNull().ShouldContain("<key id=");
    }

    [Fact]
    public async Task A_token_made_by_one_host_is_accepted_by_another_and_so_is_a_console_session()
    {
        var tenant = await TestTenant.CreateAsync(hostA);   // signed in on host A
        var me = await (await TestTenant.WithBearer(hostB, tenant.Token).GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
        me.Id("id").ShouldBe(tenant.GerantId);

        // The console's cookie (and its antiforgery token) from host A, on host B: the same browser, another host's address.
        var page = await Browser.PageAsync(hostA);
        await ConsolePeople.SignUpAsync(hostA, page);
        var hostBAddress = hostB.Client().BaseAddress!.ToString().TrimEnd('/');
        await page.GotoAsync($"{hostBAddress}/webhooks");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Level = 1 }).WaitForAsync();
        await page.GetByLabel("URL du webhook").FillAsync("http://10.0.0.5/webhook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le webhook" }).ClickAsync();   // a form host A's page could post
        await page.Locator("#url-error").Filter(new() { HasText = "not allowed" }).WaitForAsync();
    }
}

/// <summary>The keys encrypted at rest with the configured certificate: never in clear in the table, and still usable.</summary>
public sealed class SharedKeyRingCertificateTests(KeyRingCertificateApiFactory api) : IClassFixture<KeyRingCertificateApiFactory>
{
    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_certificate_and_tokens_still_work()
    {
        var tenant = await TestTenant.CreateAsync(api);
        await (await tenant.Gerant().GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);

        var rows = await api.Scalar<string>("SELECT string_agg(xml, ' ') FROM platform.data_protection_keys");
        rows.ShouldNotBeNull().ShouldContain("EncryptedData");
        rows.ShouldContain("EncryptedXmlDecryptor");
        rows.ShouldNotContain("unencrypted form");
    }
}
