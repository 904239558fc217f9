using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole.Stores;

/// <summary>"Magasins et équipes" in a real Chromium at 375 px: what a gérant does there, run by the integration slices.</summary>
public sealed class StoresConsoleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_gerant_creates_a_store_adds_people_suspends_reactivates_deletes_them_and_deletes_the_store()
    {
        var page = await Browser.PageAsync(api);
        var (_, tenant) = await ConsolePeople.SignUpAsync(api, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Magasins et équipes" }).ClickAsync();
        await page.GetByText("Aucun magasin pour l'instant.").WaitForAsync();

        // A store, as the guide's example.
        await page.GetByLabel("Nom du magasin").FillAsync("Skyco Marseille");
        await page.GetByLabel("Ville (code postal et ville)").FillAsync("13001 Marseille");
        await page.GetByLabel("Identifiant dans votre système (facultatif)").Last.FillAsync("STORE_MRS_001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le magasin" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Le magasin « Skyco Marseille » est créé.").WaitForAsync();
        (await api.Scalar<string>("SELECT external_id FROM stores.stores WHERE tenant_id = $1", tenant)).ShouldBe("STORE_MRS_001");

        // A manager without invitation, then a seller with one.
        await page.GetByLabel("Manager", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Sophie Martin");
        await page.GetByLabel("Adresse e-mail").FillAsync(TestTenant.UniqueEmail("manager"));
        await page.GetByLabel(new Regex("^Envoyer une invitation")).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Sophie Martin est ajouté(e).").WaitForAsync();
        var sellerEmail = TestTenant.UniqueEmail("seller");
        await page.GetByLabel("Vendeur", new() { Exact = true }).CheckAsync();   // the form kept the last role chosen
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Lucas Bernard");
        await page.GetByLabel("Adresse e-mail").FillAsync(sellerEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Lucas Bernard est ajouté(e). Son invitation est créée").WaitForAsync();
        var store = page.Locator("section.store").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Skyco Marseille" }) });
        await store.GetByText("1 manager(s), 1 vendeur(s)").WaitForAsync();
        await page.GetByText("1 magasin(s), 1 manager(s) et 1 vendeur(s) actifs.").WaitForAsync();
        api.Logs.Lines.ShouldContain(l => l.Contains("Invitation outbox") && l.Contains(sellerEmail));
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);
        await Browser.ScreenshotAsync(page, "console-stores");

        // Send the invitation again, suspend, reactivate, delete the seller.
        await page.GetByRole(AriaRole.Link, new() { Name = "Gérer Lucas Bernard" }).ClickAsync();
        (await page.Locator("dd.invitation").InnerTextAsync()).ShouldEndWith("aucun serveur d'e-mail configuré : le lien est écrit dans le journal du serveur");
        var invitationsBefore = api.Logs.Lines.Count(l => l.Contains("Invitation outbox") && l.Contains(sellerEmail));
        await page.GetByRole(AriaRole.Button, new() { Name = "Renvoyer l'invitation" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText($"Une nouvelle invitation est envoyée à {sellerEmail}.").WaitForAsync();
        api.Logs.Lines.Count(l => l.Contains("Invitation outbox") && l.Contains(sellerEmail)).ShouldBe(invitationsBefore + 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspendre" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Lucas Bernard est suspendu(e)").WaitForAsync();
        (await page.Locator(".status").InnerTextAsync()).ShouldBe("suspendu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Réactiver" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Lucas Bernard est réactivé(e).").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer Lucas Bernard" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByText("Cochez la confirmation pour supprimer.").WaitForAsync();
        (await api.Scalar<string>("SELECT status FROM users.users WHERE email_normalized = $1", sellerEmail)).ShouldBe("active");
        await page.GetByLabel("Je confirme la suppression de Lucas Bernard").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer Lucas Bernard" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Lucas Bernard est supprimé(e).").WaitForAsync();
        (await api.Scalar<string>("SELECT status FROM users.users WHERE email_normalized = $1", sellerEmail)).ShouldBe("deleted");

        // The store's deletion says what it does, then suspends the staff and keeps the history.
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour aux magasins" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Supprimer le magasin Skyco Marseille" }).ClickAsync();
        await page.GetByText("ses managers et vendeurs seront suspendus").WaitForAsync();
        await page.GetByText("son historique est conservé").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, supprimer le magasin" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Le magasin est supprimé").WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Magasins supprimés (historique)" }).WaitForAsync();
        (await api.Scalar<string>("SELECT status FROM users.users WHERE tenant_id = $1 AND role = 'manager'", tenant)).ShouldBe("suspended");
    }

    [Fact]
    public async Task Bad_inputs_are_answered_beside_their_fields_and_another_tenants_people_are_not_found()
    {
        var page = await Browser.PageAsync(api);
        var (_, tenant) = await ConsolePeople.SignUpAsync(api, page);
        await page.GotoAsync("/magasins");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le magasin" }).ClickAsync();
        (await page.Locator("#store-name-error").InnerTextAsync()).ShouldContain("'name' must not be empty");
        (await page.Locator("#store-location-error").InnerTextAsync()).ShouldContain("'location' must not be empty");
        (await api.Scalar<long>("SELECT count(*) FROM stores.stores WHERE tenant_id = $1", tenant)).ShouldBe(0);

        // Another chain's seller, by editing the URL.
        var (other, otherAdmin, otherStore) = await TestTenant.WithStoreAsync(api);
        var stranger = await other.CreateSellerAsync(otherAdmin, otherStore);
        await page.GotoAsync($"/magasins/personnes/{stranger}");
        await page.GetByRole(AriaRole.Alert).GetByText("User not found").WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Suspendre" }).CountAsync()).ShouldBe(0);
        // A form field made to name the other chain's store: the API does not find it, nobody is added there.
        await page.GotoAsync("/magasins");
        await page.EvaluateAsync($"() => {{ const o = document.createElement('option'); o.value = '{otherStore}'; o.selected = true; document.getElementById('person-store').appendChild(o); }}");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Intrus");
        await page.GetByLabel("Adresse e-mail").FillAsync(TestTenant.UniqueEmail("intruder"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).GetByText("Store not found").WaitForAsync();
        (await api.Scalar<long>("SELECT count(*) FROM users.users WHERE store_id = $1", otherStore)).ShouldBe(1);
        await page.GotoAsync($"/magasins/{otherStore}/supprimer");
        await page.GetByRole(AriaRole.Alert).GetByText("Store not found").WaitForAsync();
        (await api.Scalar<bool>("SELECT active FROM stores.stores WHERE id = $1", otherStore)).ShouldBeTrue();
    }
}
