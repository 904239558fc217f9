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

    [Fact]
    public async Task A_given_up_delivery_is_sent_again_from_its_row_and_an_endpoint_is_deleted_only_once_confirmed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAlways(400);   // an answer that is not retried: the delivery is given up at once
        var page = await Browser.PageAsync(api);
        var (_, tenantId) = await ConsolePeople.SignUpAsync(api, page);
        await page.GotoAsync("/webhooks");
        await page.GetByLabel("URL du webhook").FillAsync(receiver.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le webhook" }).ClickAsync();
        var section = page.GetByRole(AriaRole.Region, new() { Name = receiver.Url });
        await section.GetByRole(AriaRole.Button, new() { Name = "Envoyer un test" }).ClickAsync();
        await receiver.WaitForAsync(1);

        var replay = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Renvoyer l.envoi webhook.test du ") });
        for (var tries = 0; await replay.CountAsync() == 0; tries++)
        {
            if (tries == 30) throw new ShouldAssertException("the given-up delivery never showed a replay button");
            await Task.Delay(200);
            await page.GotoAsync("/webhooks");
        }
        (await page.Locator("table.deliveries tbody tr").First.InnerTextAsync()).ShouldContain("❌ abandonné (réponse 400)");
        await Browser.ShouldLabelEveryControlAsync(page);
        await Browser.ShouldFitAPhoneAsync(page);

        // The receiver is fixed; the row's button sends the same event again (same webhook-id), and it is delivered.
        receiver.AnswerAlways(200);
        await replay.ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Envoi relancé" }).WaitForAsync();
        var both = await receiver.WaitForAsync(2);
        both[1].Header("webhook-id").ShouldBe(both[0].Header("webhook-id"));
        for (var tries = 0; ; tries++)
        {
            await page.GotoAsync("/webhooks");
            if (await page.GetByRole(AriaRole.Cell, new() { Name = "✅ livré" }).CountAsync() == 1) break;
            if (tries == 30) throw new ShouldAssertException("the replayed delivery never showed delivered");
            await Task.Delay(200);
        }

        // Deleting asks for the confirmation first; then the endpoint is gone.
        section = page.GetByRole(AriaRole.Region, new() { Name = receiver.Url });
        await section.GetByRole(AriaRole.Button, new() { Name = "Supprimer le webhook" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Cochez la confirmation pour supprimer le webhook." }).WaitForAsync();
        (await api.Scalar<long>("SELECT count(*) FROM webhooks.endpoints WHERE tenant_id = $1", tenantId)).ShouldBe(1);
        await section.GetByLabel("Je confirme la suppression de ce webhook").CheckAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Supprimer le webhook" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Webhook supprimé" }).WaitForAsync();
        (await page.GetByText("Aucun webhook pour l'instant.").CountAsync()).ShouldBe(1);
        (await api.Scalar<long>("SELECT count(*) FROM webhooks.endpoints WHERE tenant_id = $1", tenantId)).ShouldBe(0);
    }
}
