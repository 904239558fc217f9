using Npgsql;
using RetailPerformer.Host.Errors;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.Operations;

/// <param name="Timestamp">UTC, serialized with a trailing Z as in the auth seed.</param>
public sealed record HealthResponse(string Status, DateTime Timestamp);

/// <summary>Liveness (<c>/health</c>, no database) and readiness (<c>/health/ready</c>, the database answers).</summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(2);

    public static void MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Operations").AllowAnonymous();

        group.MapMethods("", ["GET", "POST"], (TimeProvider clock) => TypedResults.Ok(new HealthResponse("ok", clock.GetUtcNow().UtcDateTime)))
            .WithName("Health")
            .WithSummary("Liveness")
            .WithDescription("Answers 200 while the process runs, without authentication and without touching the database.");

        group.MapGet("/ready", async Task<IResult> (NpgsqlDataSource dataSource, TimeProvider clock, HttpContext context) =>
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                    timeout.CancelAfter(ReadinessTimeout);
                    await using var command = dataSource.CreateCommand("SELECT 1");
                    await command.ExecuteScalarAsync(timeout.Token);
                    return TypedResults.Ok(new HealthResponse("ready", clock.GetUtcNow().UtcDateTime));
                }
                catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
                {
                    context.Response.Headers.RetryAfter = ProblemExceptionHandler.RetryAfterSeconds.ToString();
                    return Problems.Status(StatusCodes.Status503ServiceUnavailable, ProblemMessages.DatabaseUnavailable);
                }
            })
            .WithName("Readiness")
            .WithSummary("Readiness")
            .WithDescription("200 while the database answers; 503 with Retry-After while it does not.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
