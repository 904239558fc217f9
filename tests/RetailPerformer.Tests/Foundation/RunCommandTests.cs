using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>The README's first command, as a newcomer meets it.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_on_a_taken_port_says_so_in_one_line_and_stops_before_building()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var start = new ProcessStartInfo(Path.Combine(Repository.Root(), "run"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["PORT"] = port.ToString() },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(1);
        (await errors).Trim().ShouldBe($"Port {port} is already in use: stop what listens there, or choose another port (PORT=8081 ./run).");
        (await output).ShouldNotContain("Building");
    }
}
