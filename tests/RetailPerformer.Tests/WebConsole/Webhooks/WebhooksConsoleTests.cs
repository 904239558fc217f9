using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Tests.Webhooks;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole.Webhooks;

/// <summary>The gérant's webhooks in the console (issue 16), in a real Chromium at 375 px, by labels and roles.</summary>
public sealed class WebhooksConsoleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_gerant_subscribes_an_endpoint_gets_its_secret_once_sends_a_test_and_sees_it_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await Browser.PageAsync(api);
        var (_, tenantId) = await ConsolePeople.SignUpAsync(api, page);
        await page.GotoAsync("/webhooks");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Level = 1 }).WaitForAsync();
        (await page.GetByText("Aucun webhook pour l'instant.").CountAsync()).ShouldBe(1);

        // A private address is refused beside the URL, and nothing is created.
        await page.GetByLabel("URL du webhook").FillAsync("http://10.0.0.5/webhook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le webhook" }).ClickAsync();
        await page.Locator("#url-error").Filter(new() { HasText = "not allowed" }).WaitForAsync();
        (await api.Scalar<long>("SELECT count(*) FROM webhooks.endpoints WHERE tenant_id = $1", tenantId)).ShouldBe(0);

        // The receiver's URL; "KPI synchronisés" is checked already, "Magasin créé" is added with the keyboard.
        await page.GetByLabel("URL du webhook").FillAsync(receiver.Url);
        (await page.GetByLabel("KPI synchronisés").IsCheckedAsync()).ShouldBeTrue();
        await page.GetByLabel("Magasin créé").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Description").FillAsync("n8n — rapport du matin");
        await page.GetByLabel("Description").PressAsync("Enter");

        var secret = await page.GetByRole(AriaRole.Textbox, new() { Name = "Secret de signature" }).InputValueAsync();
        secret.ShouldStartWith("whsec_");
        var section = page.GetByRole(AriaRole.Region, new() { Name = receiver.Url });
        (await section.InnerTextAsync()).ShouldContain("KPI synchronisés, Magasin créé");
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);

        // A test event, signed with the secret the page showed (checked independently), then seen delivered.
        await section.GetByRole(AriaRole.Button, new() { Name = "Envoyer un test" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Événement de test envoyé." }).WaitForAsync();
        var received = (await receiver.WaitForAsync(1)).Single();
        received.Json.Str("type").ShouldBe("webhook.test");
        new Webhook(Guid.Empty, secret).Signed(received).ShouldBeTrue();
        (await page.GetByRole(AriaRole.Textbox, new() { Name = "Secret de signature" }).CountAsync()).ShouldBe(0);   // shown once
        for (var tries = 0; ; tries++)
        {
            await page.GotoAsync("/webhooks");
            if (await page.GetByRole(AriaRole.Cell, new() { Name = "✅ livré" }).CountAsync() == 1 || tries == 30) break;
            await Task.Delay(200);
        }
        (await page.Locator("table.deliveries tbody tr").First.InnerTextAsync()).ShouldContain("webhook.test");
        (await page.Locator("table.deliveries tbody tr").First.InnerTextAsync()).ShouldContain("✅ livré");
        await Browser.ScreenshotAsync(page, "console-webhooks");

        // Disabled from the page: the API says so.
        await page.GetByRole(AriaRole.Region, new() { Name = receiver.Url }).GetByRole(AriaRole.Button, new() { Name = "Désactiver" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Webhook désactivé." }).WaitForAsync();
        (await api.Scalar<bool>("SELECT enabled FROM webhooks.endpoints WHERE tenant_id = $1", tenantId)).ShouldBeFalse();
        await page.GetByRole(AriaRole.Region, new() { Name = receiver.Url }).GetByRole(AriaRole.Button, new() { Name = "Réactiver" }).WaitForAsync();
    }
}
