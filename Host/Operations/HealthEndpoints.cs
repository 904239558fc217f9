using Npgsql;
using RetailPerformer.Host.Errors;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Host.Operations;

/// <param name="Timestamp">UTC, serialized with a trailing Z as in the auth seed.</param>
public sealed record HealthResponse(string Status, DateTime Timestamp);

/// <summary>
/// Liveness (<c>/health</c>, no database), readiness (<c>/health/ready</c>, the database answers) and the metrics
/// (<c>/metrics</c>, <see cref="PrometheusMetrics"/>).
/// </summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(2);
    private const string LivenessExample = """{"status": "ok", "timestamp": "2025-12-08T10:00:00Z"}""";
    private const string ReadinessExample = """{"status": "ready", "timestamp": "2025-12-08T10:00:00Z"}""";

    public static void MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Operations").AllowAnonymous();

        // GET and POST (the auth seed shows both), as two operations: an operation id names one method.
        foreach (var method in new[] { HttpMethods.Get, HttpMethods.Post })
            group.MapMethods("", [method], (TimeProvider clock) => TypedResults.Ok(new HealthResponse("ok", clock.GetUtcNow().UtcDateTime)))
                .WithName(method == HttpMethods.Get ? "Health" : "HealthPost")
                .WithSummary(method == HttpMethods.Get ? "Liveness" : "Liveness (POST)")
                .WithDescription("Answers 200 while the process runs, without authentication and without touching the database.")
                .WithExample(null, LivenessExample);

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
            .Produces<HealthResponse>()
            .WithExample(null, ReadinessExample)
            .WithName("Readiness")
            .WithSummary("Readiness")
            .WithDescription("200 while the database answers; 503 with Retry-After while it does not.")
            .DocumentsProblem(StatusCodes.Status503ServiceUnavailable, ProblemMessages.DatabaseUnavailable);

        // For Prometheus, not for integrators: out of the reference. Route templates and counts, no tenant, no id, no secret;
        // expose it to the monitoring network only (the load balancer's job).
        routes.MapGet("/metrics", (PrometheusMetrics metrics) => Results.Text(metrics.Scrape(), "text/plain; version=0.0.4; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
