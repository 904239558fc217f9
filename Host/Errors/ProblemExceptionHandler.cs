using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using RetailPerformer.Shared.Data;
using RetailPerformer.Shared.Http;
using RetailPerformer.Shared.Text;

namespace RetailPerformer.Host.Errors;

/// <summary>
/// Every exception that escapes a slice becomes a problem-details answer: the client's own mistakes
/// (malformed JSON, wrong types, body too large, wrong content type) as their 4xx, an unreachable
/// database as 503 with Retry-After, and anything else as a 500 that carries a trace id and never a
/// stack trace or SQL.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException { InnerException: NulGuard.NulInJsonException nul }:
                var field = FieldOf(nul.Path);
                await Problems.WriteValidationAsync(context, new Dictionary<string, string[]> { [field] = [$"'{field}' {NulGuard.Message}"] });
                return true;
            case BadHttpRequestException bad:
                await Problems.WriteAsync(context, bad.StatusCode, Describe(bad));
                return true;
            case ServerBusyException busy:
                Problems.SetRetryAfter(context.Response, busy.RetryAfter);
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, busy.Message);
                return true;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The client went away; nobody is left to answer.
                return true;
            case var _ when DatabaseSetup.IsUnavailable(exception):
                logger.LogWarning(exception, "Database unavailable");
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ProblemMessages.DatabaseUnavailable);
                return true;
            default:
                logger.LogError(exception, "Unhandled exception");
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError,
                    "An unexpected error occurred. Quote the traceId when contacting support.");
                return true;
        }
    }

    /// <summary>A JSON path (<c>$.kpi_entries[0].source</c>) as the validation errors name fields (<c>kpi_entries[0].source</c>).</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json)",
        _ when bad.InnerException is JsonException json => json.Path is { Length: > 0 } path
            ? $"Malformed JSON or wrong type at '{path}'"
            : "Malformed JSON",
        _ => bad.Message,
    };
}
