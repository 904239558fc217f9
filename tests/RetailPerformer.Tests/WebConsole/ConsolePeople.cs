using System.Net;
using Microsoft.Playwright;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.WebConsole;

/// <summary>What the console's tests do as a person would: sign up in the browser, with the keyboard where it matters.</summary>
public static class ConsolePeople
{
    public const string Password = "correct-horse-42";

    /// <summary>A gérant who signed up through the console (and is signed in): their email and tenant.</summary>
    public static async Task<(string Email, Guid TenantId)> SignUpAsync(ApiFactory api, IPage page, string name = "Marie Dupont")
    {
        var email = TestTenant.UniqueEmail();
        await page.GotoAsync("/");
        page.Url.ShouldContain("/connexion");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer le compte de votre enseigne" }).ClickAsync();
        await page.GetByLabel("Votre nom").FillAsync(name);
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe (8 caractères au moins)").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Intégrations API", Level = 1 }).WaitForAsync();
        var tenant = await api.Scalar<Guid>("SELECT tenant_id FROM users.users WHERE email_normalized = $1", email);
        return (email, tenant);
    }

    /// <summary>A store of the tenant, written with SQL: it only sets the test up.</summary>
    public static async Task<Guid> StoreAsync(ApiFactory api, Guid tenantId, string name)
    {
        var id = Guid.CreateVersion7();
        await api.Execute("""
            INSERT INTO stores.stores (tenant_id, id, name, location, gerant_id)
            SELECT $1, $2, $3, '13001 Marseille', id FROM users.users WHERE tenant_id = $1 AND role = 'gerant'
            """, tenantId, id, name);
        return id;
    }

    public static async Task<HttpStatusCode> CallWithKeyAsync(ApiFactory api, string secret, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", secret);
        return (await api.Client().SendAsync(request)).StatusCode;
    }
}
