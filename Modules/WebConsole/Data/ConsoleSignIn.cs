using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace RetailPerformer.WebConsole.Data;

/// <summary>Opens the console session from the app API's login answer (<c>token</c>, <c>user</c>).</summary>
internal static class ConsoleSignIn
{
    public static Task SignInAsync(HttpContext context, JsonElement login)
    {
        var user = login.GetProperty("user");
        var principal = ConsoleSession.Principal(login.GetProperty("token").GetString()!, user.GetProperty("id").GetGuid(),
            user.GetProperty("name").GetString()!, user.GetProperty("email").GetString()!, user.GetProperty("role").GetString()!,
            user.GetProperty("tenant_id").GetGuid());
        return context.SignInAsync(ConsoleSession.Scheme, principal,
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow.Add(ConsoleSession.Lifetime) });
    }
}
