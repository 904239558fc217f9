using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole.ApiKeys;

/// <summary>
/// The "Intégrations API" tab in a real Chromium, 375 px wide, as the guide tells a gérant to use it (issue 14).
/// </summary>
public sealed class ApiKeysConsoleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static ILocator Card(IPage page, string keyName) => page.Locator("li.key").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = keyName }) });

    [Fact]
    public async Task The_guides_key_workflow_from_sign_up_to_history()
    {
        var page = await Browser.PageAsync(api);
        // Everything a page needs comes from this host: nothing from a CDN.
        var elsewhere = new List<string>();
        var host = new Uri(api.Client().BaseAddress!.ToString()).Authority;
        page.Request += (_, request) => { if (new Uri(request.Url).Authority != host) elsewhere.Add(request.Url); };
        var (_, tenant) = await ConsolePeople.SignUpAsync(api, page);
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "rp_console");
        session.HttpOnly.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Lax);
        var marseille = await ConsolePeople.StoreAsync(api, tenant, "Skyco Marseille");
        await ConsolePeople.StoreAsync(api, tenant, "Skyco Lyon");
        await page.ReloadAsync();

        // "Créer une nouvelle clé API": Nom, Permissions (write:kpi, read:stats), one store — with the keyboard.
        await page.GetByLabel("Nom").FillAsync("Caisse Skyco Marseille");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");   // the first permission: kpi:write
        (await page.GetByLabel(new Regex("^kpi:write")).IsCheckedAsync()).ShouldBeTrue();
        await page.GetByLabel("kpi:write (write:kpi) — Écriture des KPI (CA, ventes, articles) — Synchroniser les KPI journaliers").WaitForAsync();
        await page.GetByLabel(new Regex("^stats:read")).CheckAsync();
        await page.GetByLabel("Seulement les magasins cochés :").CheckAsync();
        await page.GetByLabel("Skyco Marseille").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la clé" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // The secret, once, with the guide's warning and a copy button.
        var status = page.GetByRole(AriaRole.Status);
        await status.GetByText("Copiez immédiatement la clé générée — elle ne sera plus affichée.").WaitForAsync();
        var secret = await page.GetByLabel("Clé API", new() { Exact = true }).InputValueAsync();
        secret.ShouldStartWith("rp_live_");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copier" }).ClickAsync();
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(secret);
        var card = Card(page, "Caisse Skyco Marseille");
        await card.GetByText("Skyco Marseille", new() { Exact = true }).WaitForAsync();
        (await card.Locator(".last-used").InnerTextAsync()).ShouldBe("jamais");
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);
        await Browser.ScreenshotAsync(page, "console-keys");

        // The key works against the integration API, on its store only, and its last use shows.
        (await ConsolePeople.CallWithKeyAsync(api, secret, "/api/v1/integrations/my-stats?start_date=2025-11-01&end_date=2025-11-30")).ShouldBe(HttpStatusCode.OK);
        (await ConsolePeople.CallWithKeyAsync(api, secret, "/api/v1/integrations/stores")).ShouldBe(HttpStatusCode.Forbidden);
        await Eventually(async () =>
        {
            await page.GotoAsync("/integrations");
            return await Card(page, "Caisse Skyco Marseille").Locator(".last-used").InnerTextAsync();
        }, "à l'instant");
        (await api.Scalar<long>("SELECT count(*) FROM keys.api_keys WHERE tenant_id = $1 AND $2 = ANY(store_ids)", tenant, marseille)).ShouldBe(1);

        // 🔄: confirm, a new secret once; the old one is refused, the new one works.
        await Card(page, "Caisse Skyco Marseille").GetByRole(AriaRole.Link, new() { Name = "Régénérer la clé Caisse Skyco Marseille" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, régénérer la clé" }).ClickAsync();
        var renewed = await page.GetByLabel("Clé API", new() { Exact = true }).InputValueAsync();
        renewed.ShouldStartWith("rp_live_");
        renewed.ShouldNotBe(secret);
        (await ConsolePeople.CallWithKeyAsync(api, secret, "/api/v1/integrations/me")).ShouldBe(HttpStatusCode.Unauthorized);
        (await ConsolePeople.CallWithKeyAsync(api, renewed, "/api/v1/integrations/me")).ShouldBe(HttpStatusCode.OK);

        // 🗑️: confirm; the key is refused and stays listed as history.
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour aux clés" }).ClickAsync();
        // Only the active key (the new one) offers actions; the replaced one is history already.
        await page.GetByRole(AriaRole.Link, new() { Name = "Désactiver la clé Caisse Skyco Marseille" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, désactiver la clé" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("est désactivée").WaitForAsync();
        (await ConsolePeople.CallWithKeyAsync(api, renewed, "/api/v1/integrations/me")).ShouldBe(HttpStatusCode.Unauthorized);
        await page.GotoAsync("/integrations");
        (await page.Locator("li.key .status").AllInnerTextsAsync()).ShouldBe(["désactivée", "désactivée"]);
        (await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^(Régénérer|Désactiver) la clé") }).CountAsync()).ShouldBe(0);
        elsewhere.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_inputs_are_answered_beside_their_fields_and_write_nothing()
    {
        var page = await Browser.PageAsync(api);
        var (_, tenant) = await ConsolePeople.SignUpAsync(api, page);

        // No name, no permission: the API's messages, beside "Nom" and "Permissions".
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la clé" }).ClickAsync();
        (await page.Locator("#name-error").InnerTextAsync()).ShouldContain("'name' must not be empty");
        (await page.Locator("#permissions-error").InnerTextAsync()).ShouldContain("'permissions' must list at least one permission");
        (await page.GetByLabel("Nom").GetAttributeAsync("aria-describedby"))!.ShouldContain("name-error");

        // "Only the checked stores" with none checked is not "every store".
        await page.GetByLabel("Nom").FillAsync("Sans magasin");
        await page.GetByLabel(new Regex("^kpi:write")).CheckAsync();
        await page.GetByLabel("Seulement les magasins cochés :").CheckAsync();
        await page.GetByLabel("Expiration, en jours (facultatif)").FillAsync("-3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la clé" }).ClickAsync();
        (await page.Locator("#stores-error").InnerTextAsync()).ShouldContain("store_ids");
        (await page.Locator("#expires-error").InnerTextAsync()).ShouldContain("expires_in_days");
        // What was typed stays.
        (await page.GetByLabel("Nom").InputValueAsync()).ShouldBe("Sans magasin");
        (await page.GetByLabel(new Regex("^kpi:write")).IsCheckedAsync()).ShouldBeTrue();

        (await api.Scalar<long>("SELECT count(*) FROM keys.api_keys WHERE tenant_id = $1", tenant)).ShouldBe(0);
        (await page.GetByRole(AriaRole.Status).CountAsync()).ShouldBe(0);   // no secret shown
    }

    [Fact]
    public async Task A_second_gerant_sees_none_of_the_first_ones_keys_or_stores_even_by_editing_urls_and_fields()
    {
        var first = await Browser.PageAsync(api);
        var (_, firstTenant) = await ConsolePeople.SignUpAsync(api, first, "Premier Gérant");
        await ConsolePeople.StoreAsync(api, firstTenant, "Magasin du premier");
        await first.ReloadAsync();
        await first.GetByLabel("Nom").FillAsync("Clé du premier");
        await first.GetByLabel(new Regex("^kpi:write")).CheckAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Créer la clé" }).ClickAsync();
        await first.GetByLabel("Clé API", new() { Exact = true }).WaitForAsync();
        var firstKey = await api.Scalar<Guid>("SELECT id FROM keys.api_keys WHERE tenant_id = $1", firstTenant);
        var firstStore = await api.Scalar<Guid>("SELECT id FROM stores.stores WHERE tenant_id = $1", firstTenant);

        var second = await Browser.PageAsync(api);
        var (_, secondTenant) = await ConsolePeople.SignUpAsync(api, second, "Second Gérant");
        (await second.Locator("li.key").CountAsync()).ShouldBe(0);
        (await second.GetByText("Magasin du premier").CountAsync()).ShouldBe(0);
        (await second.GetByText("Clé du premier").CountAsync()).ShouldBe(0);

        // Editing the URL: the first one's key is "not found", and stays active.
        await second.GotoAsync($"/integrations/{firstKey}/desactiver");
        await second.GetByRole(AriaRole.Alert).GetByText("API key not found").WaitForAsync();
        (await second.GetByRole(AriaRole.Button, new() { Name = "Oui, désactiver la clé" }).CountAsync()).ShouldBe(0);
        (await api.Scalar<bool>("SELECT active FROM keys.api_keys WHERE id = $1", firstKey)).ShouldBeTrue();

        // Editing a form field: a checkbox made to carry the first one's store id is refused by the API.
        await second.GotoAsync("/integrations");
        await second.GetByLabel("Nom").FillAsync("Clé volée");
        await second.GetByLabel(new Regex("^kpi:write")).CheckAsync();
        await second.GetByLabel("Seulement les magasins cochés :").CheckAsync();
        await second.EvaluateAsync($$"""
            () => { const box = document.createElement('input'); box.type = 'checkbox'; box.name = 'store_ids'; box.value = '{{firstStore}}';
                    box.checked = true; document.querySelector('form.card').appendChild(box); }
            """);
        await second.GetByRole(AriaRole.Button, new() { Name = "Créer la clé" }).ClickAsync();
        await second.GetByRole(AriaRole.Alert).GetByText($"Unknown store ids: {firstStore}").WaitForAsync();
        (await api.Scalar<long>("SELECT count(*) FROM keys.api_keys WHERE tenant_id = $1", secondTenant)).ShouldBe(0);
    }

    [Fact]
    public async Task The_session_ends_on_sign_out_and_when_the_password_changes()
    {
        var page = await Browser.PageAsync(api);
        var (email, _) = await ConsolePeople.SignUpAsync(api, page);

        // The password changes elsewhere (the app API): the console's next page asks to sign in again.
        var token = await TestTenant.SignInAsync(api, email, ConsolePeople.Password);
        var change = await TestTenant.WithBearer(api, token).PatchAsJsonAsync("/api/auth/change-password",
            new { currentPassword = ConsolePeople.Password, newPassword = "battery-staple-77" });
        change.StatusCode.ShouldBe(HttpStatusCode.OK);
        await page.GotoAsync("/integrations");
        page.Url.ShouldContain("/connexion");
        await page.GetByText("Votre session a pris fin : reconnectez-vous.").WaitForAsync();

        // Signing in again, then out: the cookie no longer opens the console.
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("battery-staple-77");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Intégrations API", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" }).WaitForAsync();
        await page.GotoAsync("/integrations");
        page.Url.ShouldContain("/connexion");

        // Changing one's password in the console ends the session; the new password opens a new one.
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("battery-staple-77");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" }).ClickAsync();
        await page.GetByLabel("Mot de passe actuel").FillAsync("wrong-password-9");
        await page.GetByLabel("Nouveau mot de passe (8 caractères au moins)").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        (await page.Locator("#new-error").InnerTextAsync()).ShouldContain("newPassword");
        await page.GetByLabel("Mot de passe actuel").FillAsync("battery-staple-77");
        await page.GetByLabel("Nouveau mot de passe (8 caractères au moins)").FillAsync("third-password-3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        await page.GetByText("Votre session a pris fin : reconnectez-vous.").WaitForAsync();
        (await TestTenant.SignInAsync(api, email, "third-password-3")).ShouldNotBeNullOrEmpty();

        // A wrong password: the API's message, on the page.
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByText("Invalid email or password").WaitForAsync();
    }

    private static async Task Eventually(Func<Task<string>> read, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string seen;
        while ((seen = await read()) != expected && DateTime.UtcNow < deadline) await Task.Delay(300);
        seen.ShouldBe(expected);
    }
}
