using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole.KpiEntry;

/// <summary>The guide's web entry in a real Chromium at 375 px: an invited seller's first day, and a manager's entry for a seller.</summary>
public sealed class KpiEntryConsoleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_invited_seller_chooses_a_password_signs_in_and_enters_a_day_the_gerant_then_sees()
    {
        var gerant = await Browser.PageAsync(api);
        var (_, tenant) = await ConsolePeople.SignUpAsync(api, gerant);
        await ConsolePeople.StoreAsync(api, tenant, "Skyco Marseille");
        await gerant.GotoAsync("/magasins");
        var sellerEmail = TestTenant.UniqueEmail("seller");
        await gerant.GetByLabel("Nom", new() { Exact = true }).FillAsync("Lucas Bernard");
        await gerant.GetByLabel("Adresse e-mail").FillAsync(sellerEmail);
        await gerant.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await gerant.GetByRole(AriaRole.Status).GetByText("Son invitation est créée").WaitForAsync();

        // The emailed link (the outbox, without SMTP), opened by the seller.
        var line = api.Logs.Lines.Last(l => l.Contains("Invitation outbox") && l.Contains(sellerEmail));
        var link = Regex.Match(line, @"/accept-invitation\?token=[A-Za-z0-9_-]+").Value;
        var seller = await Browser.PageAsync(api);
        await seller.GotoAsync(link);
        await seller.GetByLabel(new Regex("^Mot de passe")).FillAsync("lucas-chooses-42");
        await seller.GetByLabel("Confirmez le mot de passe").FillAsync("lucas-chooses-42");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon mot de passe" }).ClickAsync();
        await seller.GetByRole(AriaRole.Link, new() { Name = "Se connecter à la console" }).ClickAsync();
        await seller.GetByLabel("Adresse e-mail").FillAsync(sellerEmail);
        await seller.GetByLabel("Mot de passe").FillAsync("lucas-chooses-42");
        await seller.Keyboard.PressAsync("Enter");

        // Their day, typed the French way.
        await seller.GetByRole(AriaRole.Heading, new() { Name = "Saisie des KPI" }).WaitForAsync();
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd");
        await seller.GetByLabel("Date").FillAsync(day);
        await seller.GetByLabel("Chiffre d'affaires du jour (€)").FillAsync("1250,50");
        await seller.GetByLabel("Nombre de ventes").FillAsync("12");
        await seller.GetByLabel("Nombre d'articles").FillAsync("28");
        await seller.GetByLabel("Nombre de prospects (facultatif)").FillAsync("35");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la journée" }).ClickAsync();
        await seller.GetByRole(AriaRole.Status).GetByText($"Journée du {day} enregistrée.").WaitForAsync();
        (await seller.GetByRole(AriaRole.Link, new() { Name = "Intégrations API" }).CountAsync()).ShouldBe(0);

        // The gérant's statistics show it.
        await gerant.GotoAsync($"/statistiques?du={day}&au={day}");
        var total = gerant.Locator("tfoot tr");
        (await total.Locator("[data-field=total_ca]").GetAttributeAsync("data-value")).ShouldBe("1250.50");
        (await total.Locator("[data-field=total_ventes]").InnerTextAsync()).ShouldBe("12");
        (await gerant.Locator($"rect.bar[data-day='{day}']").GetAttributeAsync("data-ca")).ShouldBe("1250.50");

        // Deleted by the gérant: the seller's session ends at their next page.
        await gerant.GotoAsync("/magasins");
        await gerant.GetByRole(AriaRole.Link, new() { Name = "Gérer Lucas Bernard" }).ClickAsync();
        await gerant.GetByLabel("Je confirme la suppression de Lucas Bernard").CheckAsync();
        await gerant.GetByRole(AriaRole.Button, new() { Name = "Supprimer Lucas Bernard" }).ClickAsync();
        await gerant.GetByRole(AriaRole.Status).GetByText("Lucas Bernard est supprimé(e).").WaitForAsync();
        await seller.GotoAsync("/saisie");
        await seller.GetByLabel("Date").FillAsync(day);
        await seller.GetByLabel("Chiffre d'affaires du jour (€)").FillAsync("1");
        await seller.GetByLabel("Nombre de ventes").FillAsync("1");
        await seller.GetByLabel("Nombre d'articles").FillAsync("1");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la journée" }).ClickAsync();
        await seller.GetByText("Votre session a pris fin : reconnectez-vous.").WaitForAsync();
        (await api.Scalar<decimal>("SELECT sum(ca_journalier) FROM kpi.entries WHERE tenant_id = $1", tenant)).ShouldBe(1250.50m);
    }

    [Fact]
    public async Task A_manager_enters_a_day_for_a_seller_of_their_store_and_bad_figures_are_answered_beside_their_fields()
    {
        var (tenant, admin, store) = await TestTenant.WithStoreAsync(api);
        var (_, managerToken) = await tenant.SignedInPersonAsync(admin, store, "manager");
        var managerEmail = await api.Scalar<string>("SELECT email FROM users.users WHERE tenant_id = $1 AND role = 'manager'", tenant.TenantId);
        var seller = await tenant.CreateSellerAsync(admin, store);
        managerToken.ShouldNotBeNullOrEmpty();

        var page = await Browser.PageAsync(api);
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(managerEmail!);
        await page.GetByLabel("Mot de passe").FillAsync(TestTenant.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Magasins et équipes" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Créer le magasin" }).CountAsync()).ShouldBe(0);   // read only

        await page.GetByRole(AriaRole.Link, new() { Name = "Saisie des KPI" }).ClickAsync();
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);
        await page.GetByLabel("Nombre de ventes").FillAsync("-4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la journée" }).ClickAsync();
        (await page.Locator("#ca-error").InnerTextAsync()).ShouldContain("ca_journalier");
        (await page.Locator("#ventes-error").InnerTextAsync()).ShouldContain("nb_ventes");
        (await api.Scalar<long>("SELECT count(*) FROM kpi.entries WHERE tenant_id = $1", tenant.TenantId)).ShouldBe(0);

        await page.GetByLabel("Vendeur").SelectOptionAsync(seller.ToString());
        await page.GetByLabel("Chiffre d'affaires du jour (€)").FillAsync("980.25");
        await page.GetByLabel("Nombre de ventes").FillAsync("8");
        await page.GetByLabel("Nombre d'articles").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la journée" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("enregistrée").WaitForAsync();
        (await api.Scalar<decimal>("SELECT ca_journalier FROM kpi.entries WHERE seller_id = $1", seller)).ShouldBe(980.25m);
        (await api.Scalar<string>("SELECT source FROM kpi.entries WHERE seller_id = $1", seller)).ShouldBe("manager_app");

        // Their store's figures: the statistics page, their store only.
        var otherStore = await tenant.CreateStoreAsync(admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Statistiques", Exact = true }).ClickAsync();
        (await page.Locator("tbody tr").CountAsync()).ShouldBe(1);
        (await page.Locator($"tbody tr[data-store='{store}']").CountAsync()).ShouldBe(1);
        (await page.Locator($"tbody tr[data-store='{otherStore}']").CountAsync()).ShouldBe(0);

        // Suspended by the gérant: the manager's session ends at their next page.
        await (await admin.PutJson($"/api/v1/integrations/users/{await api.Scalar<Guid>("SELECT id FROM users.users WHERE email = $1", managerEmail!)}",
            new { status = "suspended" })).ShouldBe(System.Net.HttpStatusCode.OK);
        await page.GotoAsync("/saisie");
        page.Url.ShouldContain("/connexion");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_writes_nothing()
    {
        var page = await Browser.PageAsync(api);
        var (_, tenant) = await ConsolePeople.SignUpAsync(api, page);
        await page.GotoAsync("/magasins");
        await page.EvaluateAsync("() => document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(i => i.remove())");
        await page.GetByLabel("Nom du magasin").FillAsync("Sans jeton");
        await page.GetByLabel("Ville (code postal et ville)").FillAsync("Paris");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Créer le magasin" }).ClickAsync(), r => r.Request.Method == "POST");
        answer.Status.ShouldBe(400);
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant)).ShouldBe(0);
    }
}
