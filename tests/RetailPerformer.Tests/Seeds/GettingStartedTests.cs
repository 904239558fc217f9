using System.Diagnostics;
using System.Text.RegularExpressions;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Seeds;

/// <summary>The README's "Getting started", run verbatim by bash against the real host (only its address replaced).</summary>
public sealed partial class GettingStartedTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [GeneratedRegex(@"## Getting started.*?```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Script();

    [Fact]
    public async Task The_readmes_getting_started_runs_from_sign_up_to_statistics()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "README.md"));
        var script = Script().Match(readme).Groups["code"].Value;
        script.ShouldContain("API=http://localhost:5080");
        var baseUrl = api.Client().BaseAddress!.ToString().TrimEnd('/');

        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script.Replace("API=http://localhost:5080", $"API={baseUrl}")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(0, await errors + await output);
        var printed = await output;
        printed.ShouldContain("API key: rp_live_");
        printed.ShouldContain("KPI synchronized successfully");
        printed.ShouldContain("'total_ca': 1500.0, 'total_ventes': 12, 'total_articles': 24, 'average_basket': 125.0");
    }
}
