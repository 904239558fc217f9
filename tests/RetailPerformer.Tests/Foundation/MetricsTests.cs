using System.Diagnostics;
using System.Globalization;
using static RetailPerformer.Tests.Infrastructure.PrometheusText;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>
/// Issue 18, item 7: <c>/metrics</c> in Prometheus' text format — requests and durations by route and status, the database
/// pool, rate-limit refusals, the backlog of queued work, the runtime's allocations and collections — checked by Debian's <c>promtool</c> and scraped by its <c>prometheus</c>.
/// </summary>
public sealed partial class MetricsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string MyStores = "/api/v1/integrations/my-stores";

    [Fact]
    public async Task The_metrics_count_this_hosts_requests_by_route_and_status_its_refusals_pool_and_backlog_and_pass_promtool()
    {
        var before = await ScrapeAsync();
        var (key, calls) = await TrafficAsync();

        var (collectionsBefore, fullCollectionsBefore) = (GC.CollectionCount(0), GC.CollectionCount(2));
        var after = await ScrapeAsync();
        var route = $"method=\"GET\",route=\"{MyStores}\",status=\"200\"";
        (Sample(after, "http_server_request_duration_seconds_count", route) - Sample(before, "http_server_request_duration_seconds_count", route))
            .ShouldBeGreaterThanOrEqualTo(calls);
        (Sample(after, "rp_rate_limit_refusals_total", null) - Sample(before, "rp_rate_limit_refusals_total", null)).ShouldBeGreaterThanOrEqualTo(1);
        after.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        after.ShouldContain($"http_server_request_duration_seconds_bucket{{{route},le=\"+Inf\"}}");
        Sample(after, "db_client_connections", "state=\"idle\"").ShouldBeGreaterThanOrEqualTo(0);
        Sample(after, "db_client_connections_max", null).ShouldBeGreaterThan(0);
        foreach (var queue in new[] { "request_log", "webhook_deliveries", "invitation_emails" })
            Sample(after, "rp_backlog", $"queue=\"{queue}\"").ShouldBeGreaterThanOrEqualTo(0);
        // The runtime's: the traffic allocated, and what was collected, by generation (cumulative, never counted twice).
        (Sample(after, "dotnet_gc_heap_allocated_bytes_total", null) - Sample(before, "dotnet_gc_heap_allocated_bytes_total", null)).ShouldBeGreaterThan(0);
        Sample(after, "dotnet_gc_heap_allocated_bytes_total", null).ShouldBeLessThanOrEqualTo(GC.GetTotalAllocatedBytes(precise: true));
        // Each collection counted once, under the oldest generation it collected: together, every collection of this process.
        var collections = new[] { "gen0", "gen1", "gen2" }.Select(g => Sample(after, "dotnet_gc_collections_total", $"generation=\"{g}\"")).ToArray();
        collections.Sum().ShouldBeInRange(collectionsBefore, GC.CollectionCount(0));
        collections[2].ShouldBeInRange(fullCollectionsBefore, GC.CollectionCount(2));
        collections[0].ShouldBeGreaterThan(0);
        Sample(after, "dotnet_gc_pause_seconds_total", null).ShouldBeGreaterThanOrEqualTo(0);
        Sample(after, "dotnet_monitor_lock_contentions_total", null).ShouldBeGreaterThanOrEqualTo(0);
        Sample(after, "dotnet_jit_compilation_seconds_total", null).ShouldBeGreaterThan(0);   // the host compiled its code

        // Never an id from a path, a key or a connection string.
        after.ShouldNotContain(key);
        after.ShouldNotContain("Host=");
        UuidPattern().IsMatch(after).ShouldBeFalse();

        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, after);
        var (exitCode, output) = await ExternalProcess.RunAsync("/bin/sh", ["-c", $"promtool check metrics < {file}"]);
        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public async Task Debians_prometheus_scrapes_them()
    {
        var (_, calls) = await TrafficAsync();
        var port = RetailPerformer.LocalPostgres.LocalPostgresCluster.FreeLoopbackPort();
        var target = api.Client().BaseAddress!;
        var folder = Directory.CreateTempSubdirectory("rp-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: retail-performer
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target.Host}:{target.Port}"]
            """);
        var start = new ProcessStartInfo("prometheus") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"--config.file={folder}/prometheus.yml", $"--storage.tsdb.path={folder}/data", $"--web.listen-address=127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        using var prometheus = Process.Start(start)!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            var query = $"sum(http_server_request_duration_seconds_count{{job=\"retail-performer\",route=\"{MyStores}\",status=\"200\"}})";
            double scraped = 0;
            for (var i = 0; i < 150 && scraped < calls; i++)
            {
                await Task.Delay(200);
                try
                {
                    using var answer = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/api/v1/query?query={Uri.EscapeDataString(query)}"));
                    if (answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } result)
                        scraped = double.Parse(result.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                }
                catch (HttpRequestException) { }   // not listening yet
            }
            scraped.ShouldBeGreaterThanOrEqualTo(calls, "what Prometheus scraped from /metrics");
            using var up = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/api/v1/query?query=up"));
            up.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString().ShouldBe("1");
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A key allowed one request a second (bursts of two): a few my-stores calls answered, then one refused (429).</summary>
    private async Task<(string Key, int Calls)> TrafficAsync()
    {
        var tenant = await TestTenant.CreateAsync(api);
        await RetailPerformer.Tests.WebConsole.ConsolePeople.StoreAsync(api, tenant.TenantId, "Skyco Metz");   // my-stores is 404 without one
        var key = await tenant.CreateKeyAsync(new { name = "metrics", permissions = new[] { "stores:read" }, rate_limit_per_second = 1 });
        var client = tenant.WithKey(key.Secret);
        var answered = 0;
        var refused = false;
        while (!refused)
        {
            var status = (await client.GetAsync(MyStores)).StatusCode;
            if (status == HttpStatusCode.OK) answered++;
            else { status.ShouldBe(HttpStatusCode.TooManyRequests); refused = true; }
        }
        answered.ShouldBeGreaterThan(0);
        return (key.Secret, answered);
    }

    /// <summary>The value of one series (the labels as written, or none), 0 when absent.</summary>
    private async Task<string> ScrapeAsync()
    {
        using var response = await api.Client().GetAsync("/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex UuidPattern();
}
