using System.Net;
using System.Text.Json;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>Inputs that used to reach a 500 or slip past a duplicate check.</summary>
public sealed class InputHardeningTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("N")]       // 32 digits, no hyphens
    [InlineData("B")]       // {braces}
    [InlineData("UPPER")]   // upper case
    public async Task One_seller_under_two_spellings_in_a_batch_is_400_a_seller_appears_twice(string spelling)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        var seller = await tenant.CreateSellerAsync(client, store);
        var other = spelling == "UPPER" ? seller.ToString().ToUpperInvariant() : seller.ToString(spelling);

        var body = await (await client.PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = store, date = "2024-03-01",
            kpi_entries = new[]
            {
                new { seller_id = seller.ToString(), ca_journalier = 1.0, nb_ventes = 1, nb_articles = 1 },
                new { seller_id = other, ca_journalier = 2.0, nb_ventes = 2, nb_articles = 2 },
            },
        })).ShouldBe(HttpStatusCode.BadRequest);
        body.Str("detail").ShouldContain("A seller appears twice in 'kpi_entries'");
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE store_id = $1", store)).ShouldBe(0);
    }

    public static TheoryData<string, string, string> NulBodies => new()
    {
        { "POST", "/api/v1/integrations/stores", """{"name": "Shop\u0000", "location": "Paris"}""" },
        { "POST", "/api/v1/integrations/stores", """{"name": "Shop", "location": "Paris", "external_id": "E\u00001"}""" },
        { "POST", "/api/v1/integrations/stores/{store}/sellers", """{"name": "A\u0000", "email": "a@example.test"}""" },
        { "POST", "/api/v1/integrations/stores/{store}/managers", """{"name": "A", "email": "a\u0000@example.test"}""" },
        { "POST", "/api/v1/integrations/stores/{store}/managers", """{"name": "A", "email": "a@example.test", "phone": "\u0000"}""" },
        { "PUT", "/api/v1/integrations/users/{seller}", """{"external_id": "X\u0000"}""" },
        { "POST", "/api/v1/integrations/kpi/sync", """{"store_id": "{store}", "date": "2024-01-01", "source": "pos\u0000", "kpi_entries": [{"seller_id": "{seller}", "ca_journalier": 1, "nb_ventes": 1, "nb_articles": 1}]}""" },
        { "POST", "/api/gerant/api-keys", """{"name": "key\u0000", "permissions": ["stats:read"]}""" },
        { "POST", "/api/auth/login", """{"email": "x\u0000@example.test", "password": "whatever-it-is"}""" },
        { "POST", "/api/auth/register", """{"name": "A\u0000", "email": "nul@example.test", "password": "whatever-it-is"}""" },
    };

    [Theory]
    [MemberData(nameof(NulBodies))]
    public async Task A_nul_character_in_any_text_field_is_400_naming_the_field(string method, string path, string json)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Token);
        var store = await tenant.CreateStoreAsync(TestTenant.WithKey(api, (await tenant.CreateKeyAsync("stores:write")).Secret));
        var seller = await tenant.CreateSellerAsync(TestTenant.WithKey(api, (await tenant.CreateKeyAsync("users:write")).Secret), store);
        var stores = await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId);
        var people = await api.Scalar<long>("SELECT count(*) FROM users.users WHERE tenant_id = $1", tenant.TenantId);

        path = path.Replace("{store}", store.ToString()).Replace("{seller}", seller.ToString());
        json = json.Replace("{store}", store.ToString()).Replace("{seller}", seller.ToString());
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (path.StartsWith("/api/gerant")) request.Headers.Authorization = new("Bearer", tenant.Token);
        var key = (await tenant.CreateKeyAsync("stores:write", "users:write", "kpi:write")).Secret;
        request.Headers.Add("X-API-Key", key);
        var body = await (await api.Client().SendAsync(request)).ShouldBe(HttpStatusCode.BadRequest);

        var field = body.GetProperty("errors").EnumerateObject().Single();
        field.Value[0].GetString()!.ShouldContain("must not contain NUL characters");
        JsonDocument.Parse(json.Replace("\\u0000", "")).RootElement.ToString().ShouldNotBeNull();
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(stores);
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(people);
    }

    [Theory]
    [InlineData("/api/v1/integrations/stores?page=1%00", "page")]
    [InlineData("/api/v1/integrations/stores?external_id=X%00", "external_id")]
    [InlineData("/api/v1/integrations/my-stats?start_date=2024-01-01%00&end_date=2024-01-31", "start_date")]
    public async Task A_nul_character_in_a_query_parameter_is_400_naming_it(string url, string parameter)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var body = await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").GetProperty(parameter)[0].GetString().ShouldBe($"'{parameter}' must not contain NUL characters (\\u0000)");
    }

    [Theory]
    [InlineData("9999-12-31", "9999-12-31")]
    [InlineData("9999-01-01", "9999-12-31")]
    [InlineData("0001-01-01", "0001-01-31")]
    public async Task My_stats_at_the_ends_of_the_calendar_is_400_not_500(string start, string end)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        await tenant.CreateStoreAsync(client);
        var body = await (await client.GetAsync($"/api/v1/integrations/my-stats?start_date={start}&end_date={end}")).ShouldBe(HttpStatusCode.BadRequest);
        body.Str("detail").ShouldContain("must be between 1900-01-01 and 2999-12-31");
    }

    [Theory]
    [InlineData("two words@example.test")]
    [InlineData("line\nbreak@example.test")]
    [InlineData("tab\t@example.test")]
    [InlineData("nodomain@localhost")]
    [InlineData("a@b@example.test")]
    [InlineData("a@example..test")]
    [InlineData("a@-example.test")]
    [InlineData("\u0001a@example.test")]
    [InlineData("zero\u200Bwidth@example.test")]
    public async Task An_email_that_is_not_an_address_is_400_on_register_and_people_creation(string email)
    {
        var body = await (await api.Client().PostJson("/api/auth/register", new { name = "A", email, password = TestTenant.Password }))
            .ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();

        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(client);
        (await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "A", email })).ShouldBe(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task An_email_is_one_address_whatever_its_unicode_form_or_case()
    {
        // Written out: the tests, like the product, run with invariant globalization, where string.Normalize does nothing.
        var unique = Guid.NewGuid().ToString("N")[..8];
        var decomposed = "e\u0301mile." + unique + "@example.test";            // é as e + combining accent
        var composed = "\u00c9MILE." + unique.ToUpperInvariant() + "@EXAMPLE.TEST";  // É, one character, upper case
        await (await api.Client().PostJson("/api/auth/register", new { name = "A", email = decomposed, password = TestTenant.Password }))
            .ShouldBe(HttpStatusCode.Created);
        (await api.Scalar<string>("SELECT email FROM users.users WHERE email_normalized = $1", "\u00e9mile." + unique + "@example.test"))
            .ShouldBe("\u00e9mile." + unique + "@example.test");
        await (await api.Client().PostJson("/api/auth/register", new { name = "B", email = composed, password = TestTenant.Password }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "Email already registered");
        // And signs in under either form.
        await TestTenant.SignInAsync(api, composed, TestTenant.Password);
    }

    [Fact]
    public async Task A_name_with_a_line_break_or_a_control_character_is_400()
    {
        await (await api.Client().PostJson("/api/auth/register", new { name = "A\nINFO forged log line", email = TestTenant.UniqueEmail(), password = TestTenant.Password }))
            .ShouldBe(HttpStatusCode.BadRequest);
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        await (await client.PostJson("/api/v1/integrations/stores", new { name = "Shop\u001b[31m", location = "Paris" })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("Caf\u00e9 Lyon", "Cafe\u0301 Lyon", null, null)]             // é composed vs e + combining accent
    [InlineData("Paris Nord", "\u200BParis Nord\u200B", null, null)]          // zero-width spaces pasted around
    [InlineData("Shop A", "Shop B", "EXT\u00c9-1", "EXTE\u0301-1")]           // external ids, two forms of É
    [InlineData("Shop C", "Shop D", "EXT-2", "EXT-2\uFEFF")]                 // a byte-order mark
    public async Task Store_names_and_external_ids_are_duplicates_after_unicode_normalisation(string first, string second, string? firstId, string? secondId)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        await (await client.PostJson("/api/v1/integrations/stores", new { name = first, location = "Paris", external_id = firstId })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostJson("/api/v1/integrations/stores", new { name = second, location = "Paris", external_id = secondId })).ShouldBe(HttpStatusCode.BadRequest);
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(1);
    }
}
