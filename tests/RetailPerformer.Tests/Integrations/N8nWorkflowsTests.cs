using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetailPerformer.Tests.Infrastructure;
using RetailPerformer.Tests.Webhooks;
using Shouldly;

namespace RetailPerformer.Tests.Integrations;

/// <summary>
/// The workflows of <c>integrations/n8n/</c>, imported into a real n8n 1.123 with its own command line and run there against
/// this host: changed only where their READMEs tell a gérant to change them (the API's address, the export's address, the
/// webhook's secret) and given the API key as the README says (a Header Auth credential).
/// </summary>
public sealed class N8nWorkflowsTests(ApiFactory api, N8nWorkflowsTests.Instance n8n) : IClassFixture<ApiFactory>, IClassFixture<N8nWorkflowsTests.Instance>
{
    /// <summary>One n8n for the class (each command of its CLI takes seconds to start).</summary>
    public sealed class Instance : IAsyncLifetime
    {
        public N8n N8n { get; private set; } = null!;
        public async Task InitializeAsync() => N8n = await Infrastructure.N8n.CreateAsync();
        public async Task DisposeAsync() => await N8n.DisposeAsync();
    }

    private const string CredentialId = "rpApiKeyHeader01";   // the one the workflows name: the README's "Retail Performer API"

    [Fact]
    public async Task The_nightly_sync_posts_the_exports_KPI_and_fails_while_the_day_is_incomplete()
    {
        var (tenant, client, store) = await ChainAsync("MRS-001");
        var lea = await SellerAsync(client, store, "Léa Martin", "V-001");
        var hugo = await SellerAsync(client, store, "Hugo Petit", "V-002");
        var key = await tenant.CreateKeyAsync("stores:read", "kpi:write");   // what the README asks for
        await using var export = await WebhookReceiver.StartAsync();
        await ImportCredentialAsync(key.Secret);
        var workflow = Workflow("synchronisation-nocturne");
        Parameter(workflow, "Paramètres", "api_url").ReplaceWith(ApiUrl);
        Parameter(workflow, "Paramètres", "export_url").ReplaceWith(export.Url);
        await n8n.N8n.ImportAsync("workflow", workflow);
        // The workflow's day: yesterday in Paris.
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).Date).AddDays(-1);

        // The till's export lacks Hugo: his day is missing, the run fails and says whose.
        export.AnswerNext(200, """
            store_external_id,seller_external_id,ca_journalier,nb_ventes,nb_articles,prospects
            MRS-001,V-001,1250.50,18,27,40
            """);
        var (failedCode, failedOutput) = await n8n.N8n.RunAsync("execute", $"--id={workflow["id"]}");
        failedCode.ShouldNotBe(0, failedOutput);
        failedOutput.ShouldContain($"Journée {yesterday:yyyy-MM-dd} incomplète : sans KPI pour Hugo Petit (Skyco MRS-001)");
        (await KpiAsync(lea, yesterday)).ShouldBe((1250.50m, 18, 27, 40, "n8n"));

        // The complete export: Hugo's row created, Léa's updated (corrected figures), the run succeeds.
        export.AnswerNext(200, """
            store_external_id,seller_external_id,ca_journalier,nb_ventes,nb_articles,prospects
            MRS-001,V-001,1300.00,19,28,41
            MRS-001,V-002,980.25,12,15,
            """);
        var (code, output) = await n8n.N8n.RunAsync("execute", $"--id={workflow["id"]}");
        code.ShouldBe(0, output);
        output.ShouldContain("\"lignes_creees\": 1");
        output.ShouldContain("\"lignes_mises_a_jour\": 1");
        (await KpiAsync(lea, yesterday)).ShouldBe((1300.00m, 19, 28, 41, "n8n"));
        (await KpiAsync(hugo, yesterday)).ShouldBe((980.25m, 12, 15, 0, "n8n"));
        export.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task On_kpi_synced_the_workflow_checks_the_signature_over_the_raw_body_then_reads_the_days_coverage()
    {
        var (tenant, client, store) = await ChainAsync("LYS-002");
        var seller = await SellerAsync(client, store, "Zoé Durand", "V-101");
        var key = await tenant.CreateKeyAsync("kpi:write", "stats:read");
        await ImportCredentialAsync(key.Secret);
        var webhook = await Webhook.CreateAsync(tenant, $"{n8n.N8n.WebhookBase}/retail-performer/kpi-synced", "kpi.synced");
        var workflow = Workflow("sur-kpi-synced");
        Parameter(workflow, "Secret du webhook", "secret").ReplaceWith(webhook.Secret);
        var coverage = Node(workflow, "Couverture de la journée")["parameters"]!["url"]!;
        coverage.ReplaceWith(coverage.GetValue<string>().Replace("https://retailperformerai.com/api", ApiUrl));
        await n8n.N8n.ImportAsync("workflow", workflow);
        var (activated, activation) = await n8n.N8n.RunAsync("update:workflow", $"--id={workflow["id"]}", "--active=true");
        activated.ShouldBe(0, activation);
        await n8n.N8n.StartAsync();
        // n8n registers an active workflow's webhook a moment after it answers: until then, 404 (or 503 "Database is not
        // ready!" on a busy machine, or a connection reset while it is still setting up: seen once in a CI run). Once
        // there, an unsigned call is 401.
        using var http = new HttpClient();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = """{"id":"evt","type":"kpi.synced","timestamp":"2025-12-08T02:00:00Z","data":{"date":"2025-12-08"}}""";
        for (var i = 0; ; i++)
        {
            string last;
            try
            {
                var status = await PostToN8nAsync(http, body, "msg_unsigned", now, null);
                if (status == HttpStatusCode.Unauthorized) break;
                last = status.ToString();
            }
            catch (HttpRequestException e) { last = e.Message; }
            if (i == 600) throw new TimeoutException($"n8n never registered the workflow's webhook (last answer {last})\n{n8n.N8n.ServerOutput}");
            await Task.Delay(100);
        }

        // A batch with a name that is not ASCII (the body's exact bytes are what is signed): delivered, verified, acted on.
        await (await TestTenant.WithKey(api, key.Secret).PostJson("/api/v1/integrations/kpi/sync", new
        {
            store_id = store, date = "2025-12-08", source = "caisse Été",
            kpi_entries = new[] { new { seller_id = seller, ca_journalier = 512.40, nb_ventes = 7, nb_articles = 9 } },
        })).ShouldBe(HttpStatusCode.OK);
        var delivery = await DeliveredAsync(tenant, webhook);
        var answer = JsonDocument.Parse(delivery.GetProperty("attempt_log")[0].GetProperty("response_body").GetString()
            ?? throw new ShouldAssertException($"n8n answered nothing: {delivery}\n{await n8n.N8n.LastExecutionAsync()}")).RootElement;
        answer.Str("recu").ShouldBe(delivery.Str("event_id"));
        answer.Str("date").ShouldBe("2025-12-08");
        answer.GetProperty("complete").GetBoolean().ShouldBeTrue();   // Zoé, the store's one seller, sent

        // Forged: a signature with another secret, a stale timestamp, no signature: refused (401), nothing done.
        now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        (await PostToN8nAsync(http, body, "msg_forged", now, Sign("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "msg_forged", now, body)))
            .ShouldBe(HttpStatusCode.Unauthorized);
        (await PostToN8nAsync(http, body, "msg_stale", now - 3600, Sign(webhook.Secret, "msg_stale", now - 3600, body))).ShouldBe(HttpStatusCode.Unauthorized);
        (await PostToN8nAsync(http, body, "msg_unsigned", now, null)).ShouldBe(HttpStatusCode.Unauthorized);
        // The same request rightly signed passes: what was refused was the signature, nothing else.
        (await PostToN8nAsync(http, body, "msg_good", now, Sign(webhook.Secret, "msg_good", now, body))).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("synchronisation-nocturne")]
    [InlineData("sur-kpi-synced")]
    public void Each_README_walks_through_every_node_of_its_workflow_and_shows_the_code_it_runs(string folder)
    {
        var workflow = Workflow(folder);
        var readme = File.ReadAllText(Path.Combine(Repository.Root(), "integrations", "n8n", folder, "README.md"));
        foreach (var node in workflow["nodes"]!.AsArray())
        {
            readme.ShouldContain($". {node!["name"]!.GetValue<string>()} (", customMessage: "a node the README does not describe");
            if (node["parameters"]!["jsCode"] is { } code) readme.ShouldContain(code.GetValue<string>().Trim());
        }
    }

    private string ApiUrl => api.Client().BaseAddress!.ToString().TrimEnd('/') + "/api";

    private async Task<(TestTenant Tenant, HttpClient Client, Guid Store)> ChainAsync(string storeExternalId)
    {
        var tenant = await TestTenant.CreateAsync(api);
        var client = await tenant.AllPowerfulAsync();
        var store = await (await client.PostJson("/api/v1/integrations/stores",
            new { name = $"Skyco {storeExternalId}", location = "13001 Marseille", external_id = storeExternalId })).ShouldBe(HttpStatusCode.Created);
        return (tenant, client, store.Id("store_id"));
    }

    private static async Task<Guid> SellerAsync(HttpClient client, Guid store, string name, string externalId) =>
        (await (await client.PostJson($"/api/v1/integrations/stores/{store}/sellers",
            new { name, email = TestTenant.UniqueEmail("seller"), external_id = externalId, send_invitation = false })).ShouldBe(HttpStatusCode.Created))
        .Id("seller_id");

    private async Task<(decimal Ca, int Ventes, int Articles, int Prospects, string Source)> KpiAsync(Guid seller, DateOnly date)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT ca_journalier, nb_ventes, nb_articles, prospects, source FROM kpi.entries WHERE seller_id = $1 AND date = $2", connection)
        { Parameters = { new() { Value = seller }, new() { Value = date } } };
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue($"no KPI for {seller} on {date}");
        return (reader.GetDecimal(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4));
    }

    private Task ImportCredentialAsync(string apiKey) => n8n.N8n.ImportAsync("credentials", new JsonArray(new JsonObject
    {
        ["id"] = CredentialId, ["name"] = "Retail Performer API", ["type"] = "httpHeaderAuth",
        ["data"] = new JsonObject { ["name"] = "X-API-Key", ["value"] = apiKey },
    }));

    private static JsonNode Workflow(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root(), "integrations", "n8n", folder, "workflow.json")))!;

    private static JsonNode Node(JsonNode workflow, string name) =>
        workflow["nodes"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == name)!;

    /// <summary>The value of field <paramref name="field"/> of a Set node ("Edit Fields").</summary>
    private static JsonNode Parameter(JsonNode workflow, string node, string field) =>
        Node(workflow, node)["parameters"]!["assignments"]!["assignments"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == field)!["value"]!;

    private static async Task<JsonElement> DeliveredAsync(TestTenant tenant, Webhook webhook)
    {
        for (var i = 0; ; i++)
        {
            var list = await (await tenant.Gerant().GetAsync($"/api/gerant/webhooks/{webhook.Id}/deliveries")).ShouldBe(HttpStatusCode.OK);
            var latest = list.GetProperty("deliveries").EnumerateArray().FirstOrDefault();
            if (latest.ValueKind == JsonValueKind.Object && latest.Str("status") != "pending")
            {
                latest.Str("status").ShouldBe("delivered", latest.GetRawText());
                return latest;
            }
            if (i > 300) throw new TimeoutException("not delivered: " + list.GetRawText());
            await Task.Delay(100);
        }
    }

    private static string Sign(string secret, string id, long timestamp, string body)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }

    private async Task<HttpStatusCode> PostToN8nAsync(HttpClient http, string body, string id, long timestamp, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{n8n.N8n.WebhookBase}/retail-performer/kpi-synced")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        // A new connection each time: n8n closes an idle one after 5 s (Node's keep-alive), and a request sent on it at
        // that moment is reset — the forged calls below follow a delivery that can take longer than that.
        request.Headers.ConnectionClose = true;
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        if (signature is not null) request.Headers.Add("webhook-signature", signature);
        return (await http.SendAsync(request)).StatusCode;
    }
}
