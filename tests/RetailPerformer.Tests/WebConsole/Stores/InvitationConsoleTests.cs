using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole.Stores;

/// <summary>A person's page says what became of their invitation email, in a real Chromium at 375 px, on a host with SMTP.</summary>
public sealed class InvitationConsoleTests(SmtpConsoleApiFactory api) : IClassFixture<SmtpConsoleApiFactory>
{
    [Fact]
    public async Task A_refused_invitation_email_shows_on_the_persons_page_and_a_new_one_is_sent_from_there()
    {
        var page = await Browser.PageAsync(api);
        var (_, tenant) = await ConsolePeople.SignUpAsync(api, page);
        await ConsolePeople.StoreAsync(api, tenant, "Skyco Lyon");
        var email = TestTenant.UniqueEmail("typo");
        SmtpCapture.Refuse(email, times: 1, "550 5.1.1 No such mailbox");

        await page.GetByRole(AriaRole.Link, new() { Name = "Magasins et équipes" }).ClickAsync();
        await page.GetByLabel("Vendeur", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Lucas Bernard");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("Lucas Bernard est ajouté(e).").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Gérer Lucas Bernard" }).ClickAsync();
        var invitation = page.Locator("dd.invitation");
        (await invitation.InnerTextAsync()).ShouldMatch(new Regex("^valable jusqu'au .* ; envoi abandonné après 1 essai : .*No such mailbox").ToString());
        await Browser.ShouldFitAPhoneAsync(page);

        // The mailbox exists now: a new invitation, sent with the keyboard, is delivered and says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Renvoyer l'invitation" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).GetByText($"Une nouvelle invitation est envoyée à {email}.").WaitForAsync();
        (await invitation.InnerTextAsync()).ShouldStartWith("valable jusqu'au");
        (await invitation.InnerTextAsync()).ShouldContain("e-mail envoyé le");
        await api.Smtp.InvitationCodeFor(email);
    }
}
