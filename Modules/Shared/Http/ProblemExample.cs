namespace RetailPerformer.Shared.Http;

/// <summary>
/// An error a route can answer, with the message it answers it with, for the reference page (the host's
/// <c>ErrorResponses</c> turns it into a documented response with a problem-details example). Added with
/// <see cref="OpenApiExampleExtensions.DocumentsProblem"/> and <see cref="OpenApiExampleExtensions.DocumentsInvalidField"/>.
/// </summary>
/// <param name="Field">For a 400 naming a field: the field (its JSON path), whose <c>errors</c> entry holds <paramref name="Detail"/>.</param>
public sealed record ProblemExample(int Status, string Detail, string? Field = null);
