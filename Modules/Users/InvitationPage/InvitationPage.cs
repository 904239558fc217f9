
namespace RetailPerformer.Users.InvitationPage;

/// <summary>
/// The page an emailed invitation link opens (<c>{App:PublicUrl}/accept-invitation?token=…</c>): the invited person
/// chooses a password. A plain HTML form posting to itself (the console will style it); the same
/// <see cref="InvitationService.AcceptAsync"/> as the JSON endpoint, so the rules and messages are the API's.
/// </summary>
internal static class InvitationPageEndpoint
{
    public const string Path = "/accept-invitation";
    private const string Unusable = "Cette invitation est inconnue, expirée ou déjà utilisée. Demandez à votre gérant de vous en renvoyer une.";

    public static void MapInvitationPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, Show).AllowAnonymous().ExcludeFromDescription();
        routes.MapPost(Path, Submit).AllowAnonymous().LimitPerClientAddress().ExcludeFromDescription();
    }

    private static async Task<IResult> Show(HttpContext context, InvitationService invitations, CancellationToken cancellationToken)
    {
        var token = context.Request.Query["token"].ToString();
        var person = token.Length is > 0 and <= 200 ? await invitations.FindInvitedAsync(token, cancellationToken) : null;
        return person is null
            ? Page(StatusCodes.Status400BadRequest, Paragraph(Unusable))
            : Page(StatusCodes.Status200OK, Form(token, person.Name, person.Email, error: null));
    }

    private static async Task<IResult> Submit(HttpContext context, InvitationService invitations, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType) return Page(StatusCodes.Status415UnsupportedMediaType, Paragraph("Formulaire attendu."));
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var token = form["token"].ToString();
        var password = form["password"].ToString();
        var confirmation = form["password_confirmation"].ToString();
        var person = token.Length is > 0 and <= 200 && !token.Contains('\0') ? await invitations.FindInvitedAsync(token, cancellationToken) : null;
        if (person is null)
            return Page(StatusCodes.Status400BadRequest, Paragraph(Unusable));

        string? error = null;
        if (password.Length is < Passwords.MinimumLength or > Passwords.MaximumLength)
            error = $"Le mot de passe doit contenir entre {Passwords.MinimumLength} et {Passwords.MaximumLength} caractères.";
        else if (password != confirmation)
            error = "Les deux mots de passe ne sont pas identiques.";
        else if (password.Contains('\0'))
            error = "Le mot de passe contient un caractère interdit.";
        if (error is not null) return Page(StatusCodes.Status400BadRequest, Form(token, person.Name, person.Email, error));

        var (user, problem) = await invitations.AcceptAsync(token, password, cancellationToken);
        if (user is null) return Page(StatusCodes.Status400BadRequest, Paragraph(problem!));
        context.Response.Headers.CacheControl = "no-store";
        return Page(StatusCodes.Status200OK,
            Paragraph($"Mot de passe enregistré. Vous pouvez maintenant vous connecter avec {Html(user.Email)}.")
            + """<p><a href="/connexion">Se connecter à la console</a> · <a href="/scalar">Référence de l'API</a></p>""");
    }

    private static string Form(string token, string name, string email, string? error) => $"""
        <p>Bonjour {Html(name)}, choisissez le mot de passe de votre compte Retail Performer ({Html(email)}).</p>
        {(error is null ? "" : $"""<p role="alert" id="erreur" class="erreur">{Html(error)}</p>""")}
        <form method="post" action="{Path}">
          <input type="hidden" name="token" value="{Html(token)}">
          <p><label for="password">Mot de passe ({Passwords.MinimumLength} caractères minimum)</label><br>
             <input id="password" name="password" type="password" autocomplete="new-password" required minlength="{Passwords.MinimumLength}" maxlength="{Passwords.MaximumLength}"{(error is null ? "" : " aria-describedby=\"erreur\"")}></p>
          <p><label for="password_confirmation">Confirmez le mot de passe</label><br>
             <input id="password_confirmation" name="password_confirmation" type="password" autocomplete="new-password" required></p>
          <p><button type="submit">Enregistrer mon mot de passe</button></p>
        </form>
        """;

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem} input{width:100%;padding:.5rem;font-size:1rem} .erreur{color:#a00}";

    private static string Paragraph(string text) => $"<p>{Html(text)}</p>";

    /// <summary>The five characters HTML gives a meaning to; accented letters stay as they are (the page is UTF-8).</summary>
    private static string Html(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    private static IResult Page(int status, string body) => Results.Content($"""
        <!doctype html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="referrer" content="no-referrer">
          <title>Retail Performer — invitation</title>
          <style>{Style}</style>
        </head>
        <body>
          <main>
            <h1>Invitation à Retail Performer</h1>
            {body}
          </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
}
