using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace RetailPerformer.WebConsole.SignOut;

/// <summary>
/// Ends the console session: the "Se déconnecter" button (a form post, antiforgery-checked), or the console itself when
/// the API no longer accepts the session's token (<c>?expiree=1</c>: the person is told why they must sign in again).
/// </summary>
internal static class SignOutEndpoint
{
    public const string Path = "/deconnexion";

    public static void MapSignOut(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // The form's token was issued to the signed-in person: check it as them.
            if ((await context.AuthenticateAsync(Data.ConsoleSession.Scheme)).Principal is { } person) context.User = person;
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Formulaire expiré : rechargez la page.");
            await context.SignOutAsync(Data.ConsoleSession.Scheme);
            return Results.Redirect("/connexion");
        }).ExcludeFromDescription().DisableAntiforgery();
        routes.MapGet(Path, async (HttpContext context) =>
        {
            await context.SignOutAsync(Data.ConsoleSession.Scheme);
            return Results.Redirect("/connexion?expiree=1");
        }).ExcludeFromDescription();
    }
}
