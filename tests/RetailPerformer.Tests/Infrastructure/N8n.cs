using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A real n8n 1.123 (from npm: <c>Tooling/n8n</c>, fetched by the test project's build) on a database
/// of its own on the run's PostgreSQL, listening on loopback: its CLI imports credentials and workflows and executes them,
/// and <see cref="StartAsync"/> runs the server whose production webhooks receive our deliveries.
/// </summary>
public sealed class N8n : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rp-n8n-").FullName;
    private readonly Dictionary<string, string> _environment;
    private Process? _server;
    private readonly StringBuilder _serverOutput = new();

    /// <summary>What the server printed so far (for a failing test's message).</summary>
    public string ServerOutput { get { lock (_serverOutput) return _serverOutput.ToString(); } }

    public int Port { get; } = RetailPerformer.LocalPostgres.LocalPostgresCluster.FreeLoopbackPort();

    /// <summary>Where n8n's production webhooks are: <c>{WebhookBase}/{path}</c>.</summary>
    public string WebhookBase => $"http://127.0.0.1:{Port}/webhook";

    private readonly string _connectionString;

    /// <summary>The latest execution as n8n stored it (status and its run data, in n8n's flattened JSON), for a failing test's message.</summary>
    public async Task<string> LastExecutionAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT e.status || ' ' || d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id ORDER BY e.id DESC LIMIT 1
            """, connection);
        return (await command.ExecuteScalarAsync()) as string ?? "no execution";
    }

    private N8n(NpgsqlConnectionStringBuilder database)
    {
        _connectionString = database.ConnectionString;
        _environment = new Dictionary<string, string>
        {
            ["N8N_USER_FOLDER"] = _folder,
            ["N8N_ENCRYPTION_KEY"] = "rp-tests-n8n-encryption-key",
            ["DB_TYPE"] = "postgresdb",
            ["DB_POSTGRESDB_HOST"] = database.Host!,
            ["DB_POSTGRESDB_PORT"] = database.Port.ToString(),
            ["DB_POSTGRESDB_DATABASE"] = database.Database!,
            ["DB_POSTGRESDB_USER"] = database.Username!,
            ["DB_POSTGRESDB_PASSWORD"] = database.Password ?? "",
            ["DB_POSTGRESDB_SCHEMA"] = "public",
            ["N8N_PORT"] = Port.ToString(),
            ["N8N_LISTEN_ADDRESS"] = "127.0.0.1",
            ["N8N_HOST"] = "127.0.0.1",
            ["WEBHOOK_URL"] = $"http://127.0.0.1:{Port}/",
            ["GENERIC_TIMEZONE"] = "Europe/Paris",
            ["N8N_DIAGNOSTICS_ENABLED"] = "false",
            ["N8N_VERSION_NOTIFICATIONS_ENABLED"] = "false",
            ["N8N_TEMPLATES_ENABLED"] = "false",
            ["N8N_PERSONALIZATION_ENABLED"] = "false",
            ["N8N_SECURE_COOKIE"] = "false",
            ["N8N_RUNNERS_ENABLED"] = "false",
            // The default "vm" engine needs isolated-vm built natively; npm ci skips install scripts here (see the test project).
            ["N8N_EXPRESSION_ENGINE"] = "legacy",
            ["N8N_LOG_LEVEL"] = "info",   // execute prints the run's data at this level
            ["N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS"] = "false",
            ["NODE_OPTIONS"] = "--max-old-space-size=1024",
        };
    }

    /// <summary>n8n's command line, from the test project's npm folder.</summary>
    public static string Program =>
        Path.Combine(Repository.Root(), "Tooling", "n8n", "node_modules", ".bin", "n8n") is var path && File.Exists(path) ? path
            : throw new InvalidOperationException($"n8n is not installed at {path}: build the test project (its build runs npm ci in Tooling/n8n)");

    /// <summary>An n8n on a fresh database of the run's PostgreSQL server.</summary>
    public static async Task<N8n> CreateAsync()
    {
        var admin = await TestDatabase.AdminConnectionStringAsync();
        const string name = "rp_tests_n8n";   // one n8n per run (the tests of integrations/n8n share it)
        await RetailPerformer.LocalPostgres.LocalPostgresCluster.EnsureDatabaseAsync(admin, name);
        return new N8n(new NpgsqlConnectionStringBuilder(admin) { Database = name });
    }

    /// <summary>One n8n command (<c>import:workflow</c>, <c>execute</c>, …): its exit code and what it printed.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        ExternalProcess.RunAsync(Program, arguments, _folder, _environment, TimeSpan.FromMinutes(3));

    /// <summary>Imports <paramref name="document"/> (a workflow or a list of credentials) through a file, as a person would.</summary>
    public async Task ImportAsync(string kind, JsonNode document)
    {
        var file = Path.Combine(_folder, $"{kind}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.ToJsonString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var (exitCode, output) = await RunAsync($"import:{kind}", $"--input={file}");
        if (exitCode != 0 || output.Contains("An error occurred")) throw new InvalidOperationException($"n8n import:{kind} failed ({exitCode}): {output}");
    }

    /// <summary>Starts the server (active workflows' webhooks registered) and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        start.ArgumentList.Add("start");
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        _server = Process.Start(start)!;
        var output = _serverOutput;
        _server.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _server.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_server.HasExited) break;
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{Port}/healthz/readiness")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        lock (output) throw new InvalidOperationException($"n8n did not start: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
