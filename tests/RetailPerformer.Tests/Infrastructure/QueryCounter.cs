using System.Collections.Concurrent;
using System.Diagnostics;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands one HTTP request runs, from Npgsql's own tracing: the test sends a
/// <c>traceparent</c>, the host's request activity continues that trace, and every Npgsql command
/// activity of the request carries the same trace id.
/// </summary>
public static class QueryCounter
{
    private static readonly ConcurrentDictionary<ActivityTraceId, int> Commands = new();
    private static readonly ActivityListener Listener = Start();

    private static ActivityListener Start()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Npgsql also traces the opening of a physical connection ("CONNECT <database>"), which happens when
                // the pool has no idle connection (other tests running in parallel): that is not a command.
                if (activity.Source.Name == "Npgsql" && !activity.OperationName.StartsWith("CONNECT ", StringComparison.Ordinal))
                    Commands.AddOrUpdate(activity.TraceId, 1, (_, n) => n + 1);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>Sends <paramref name="request"/> in a trace of its own and returns the response and the number of SQL commands it ran.</summary>
    public static async Task<(HttpResponseMessage Response, int Commands)> SendCounting(this HttpClient client, HttpRequestMessage request)
    {
        GC.KeepAlive(Listener);
        var traceId = ActivityTraceId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await client.SendAsync(request);
        await Task.Delay(50); // command activities stop as their readers close
        return (response, Commands.TryGetValue(traceId, out var n) ? n : 0);
    }
}
