using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace RetailPerformer.Tests.WebConsole.Activity;

/// <summary>
/// What each integration did, in the console (issue 15, item 3), in a real Chromium at 375 px: the last day's refusals
/// on the keys' page, a key's activity (chart, last error, filtered requests), the sync history with its filters.
/// </summary>
public sealed class ActivityConsoleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_gerant_sees_refusals_a_keys_activity_and_the_sync_history_and_filters_them()
    {
        var page = await Browser.PageAsync(api);
        var (email, tenantId) = await ConsolePeople.SignUpAsync(api, page);
        var store = await ConsolePeople.StoreAsync(api, tenantId, "Skyco Marseille");
        var gerant = TestTenant.WithBearer(api, await TestTenant.SignInAsync(api, email, ConsolePeople.Password));
        async Task<string> KeyAsync(string name, params string[] permissions) =>
            (await (await gerant.PostJson("/api/gerant/api-keys", new { name, permissions })).ShouldBe(HttpStatusCode.Created)).Str("key");
        var pos = TestTenant.WithKey(api, await KeyAsync("Caisse Marseille", "kpi:write", "users:write"));
        var old = await KeyAsync("Ancien connecteur", "stats:read");
        var oldId = await api.Scalar<Guid>("SELECT id FROM keys.api_keys WHERE tenant_id = $1 AND name = 'Ancien connecteur'", tenantId);
        await (await gerant.DeleteAsync($"/api/gerant/api-keys/{oldId}")).ShouldBe(HttpStatusCode.OK);

        var seller = (await (await pos.PostJson($"/api/v1/integrations/stores/{store}/sellers", new { name = "Sophie Martin", email = TestTenant.UniqueEmail("seller"), send_invitation = false }))
            .ShouldBe(HttpStatusCode.Created)).Id("seller_id");
        object Batch(Guid who) => new { store_id = store, date = "2025-11-26", source = "pos_system_v2", kpi_entries = new[] { new { seller_id = who, ca_journalier = 1500, nb_ventes = 12, nb_articles = 24 } } };
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", Batch(seller))).ShouldBe(HttpStatusCode.OK);
        var stranger = Guid.NewGuid();
        await (await pos.PostJson("/api/v1/integrations/kpi/sync", Batch(stranger))).ShouldBe(HttpStatusCode.NotFound);
        await (await pos.GetAsync("/api/v1/integrations/stores")).ShouldBe(HttpStatusCode.Forbidden);
        (await ConsolePeople.CallWithKeyAsync(api, old, "/api/v1/integrations/me")).ShouldBe(HttpStatusCode.Unauthorized);

        // The keys' page: the last day's refusals, per key (the log is written within about a second).
        var refusals = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Requêtes refusées depuis" });
        for (var tries = 0; ; tries++)
        {
            await page.GotoAsync("/integrations");
            if (await refusals.GetByRole(AriaRole.Row).CountAsync() == 3 || tries == 30) break;
            await Task.Delay(300);
        }
        (await refusals.GetByRole(AriaRole.Row, new() { Name = "Ancien connecteur" }).InnerTextAsync()).ShouldMatch(@"Ancien connecteur\s+1\s+0\s+0");
        (await refusals.GetByRole(AriaRole.Row, new() { Name = "Caisse Marseille" }).InnerTextAsync()).ShouldMatch(@"Caisse Marseille\s+0\s+1\s+0");

        // A key's activity: its chart, its last error, its requests; then only the refused ones, chosen with the keyboard.
        await page.GetByRole(AriaRole.Link, new() { Name = "Activité de la clé Caisse Marseille" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Activité — Caisse Marseille", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "Requêtes par jour, 30 jours" }).WaitForAsync();
        (await page.Locator(".usage-total").InnerTextAsync()).ShouldBe("4 requête(s) sur 30 jours, dont 2 refusée(s) ou en erreur.");
        (await page.Locator(".last-error").InnerTextAsync()).ShouldContain("403 — GET /api/v1/integrations/stores");
        (await page.Locator(".last-error").InnerTextAsync()).ShouldContain("Insufficient permissions. Requires 'stores:read'");
        var rows = page.Locator("table.requests tbody tr");
        (await rows.CountAsync()).ShouldBe(4);
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);
        await Browser.ScreenshotAsync(page, "console-activity");
        await page.GetByLabel("Réponse").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");   // Toutes → Réussies (2xx)
        await page.Keyboard.PressAsync("ArrowDown");   // → Refusées (4xx)
        await Expect(page.GetByLabel("Réponse")).ToHaveValueAsync("4xx");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        // The address polled for, not awaited with WaitForURLAsync: on a busy machine that one sometimes waited out its
        // 15 s for a "load" event although the page was already at the filtered address and loaded.
        await Expect(page).ToHaveURLAsync(new Regex("statut=4xx"));
        await Expect(rows).ToHaveCountAsync(2);
        (await rows.AllInnerTextsAsync()).ShouldAllBe(r => r.Contains("403") || r.Contains("404"));
        await page.GetByLabel("Route").SelectOptionAsync("/api/v1/integrations/kpi/sync");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("route="));
        await Expect(rows).ToHaveCountAsync(1);
        (await page.GetByRole(AriaRole.Table).Locator("caption").InnerTextAsync()).ShouldBe("1 requête(s)");

        // The sync history: the accepted batch and the refused one, by name; then only the refused.
        await page.GetByRole(AriaRole.Link, new() { Name = "Historique des synchronisations" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Historique des synchronisations", Level = 1 }).WaitForAsync();
        var history = page.Locator("table.history tbody tr");
        (await history.CountAsync()).ShouldBe(2);
        (await history.Nth(1).InnerTextAsync()).ShouldMatch(@"Skyco Marseille\s+26/11/2025\s+pos_system_v2\s+🔑 Caisse Marseille\s+1 \(1 créée\(s\), 0 mise\(s\) à jour\)\s+✅ accepté");
        (await history.Nth(0).InnerTextAsync()).ShouldContain($"❌ refusé (404) : Sellers not found in store {store}: {stranger}");
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);
        await Browser.ScreenshotAsync(page, "console-sync-history");
        await page.GetByLabel("Résultat").SelectOptionAsync(new SelectOptionValue { Label = "Refusés" });
        await page.GetByLabel("Magasin").SelectOptionAsync(new SelectOptionValue { Label = "Skyco Marseille" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("resultat=refused"));
        await Expect(history).ToHaveCountAsync(1);
        // A malformed filter typed into the address is the API's message, not an error page.
        await page.GotoAsync("/historique?jour=26-11-2025");
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldBe("'date' must be a date formatted YYYY-MM-DD");
    }

    [Fact]
    public async Task Another_tenants_key_activity_is_not_found()
    {
        var first = await Browser.PageAsync(api);
        var (email, _) = await ConsolePeople.SignUpAsync(api, first, "Premier Gérant");
        var gerant = TestTenant.WithBearer(api, await TestTenant.SignInAsync(api, email, ConsolePeople.Password));
        var key = (await (await gerant.PostJson("/api/gerant/api-keys", new { name = "Clé du premier", permissions = new[] { "stats:read" } }))
            .ShouldBe(HttpStatusCode.Created)).GetProperty("api_key").Id("id");

        var second = await Browser.PageAsync(api);
        await ConsolePeople.SignUpAsync(api, second, "Second Gérant");
        await second.GotoAsync($"/integrations/{key}/activite");
        await second.GetByRole(AriaRole.Heading, new() { Name = "Clé introuvable" }).WaitForAsync();
        (await second.GetByRole(AriaRole.Table).CountAsync()).ShouldBe(0);
        (await second.GetByText("Clé du premier").CountAsync()).ShouldBe(0);
    }
}
