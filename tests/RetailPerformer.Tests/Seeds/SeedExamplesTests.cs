using System.Text.RegularExpressions;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Seeds;

/// <summary>
/// Every curl, Python (requests) and Node (axios) example of the two integration documents, extracted from
/// shared/seeds at test time and run as their readers would run them, against the real host. Only what a
/// reader must replace is replaced: the base URL, the key, the placeholder ids (store-123, seller-456,
/// seller-789, manager-789) by ids of a fresh chain, and the example emails by unique ones (email is
/// unique across the product, and several examples create the same person).
/// </summary>
public sealed partial class SeedExamplesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public sealed record Example(string Document, int Number, string Language, string Code)
    {
        public override string ToString() => $"{Document} #{Number} ({Language})";
    }

    /// <summary>Each example by document and rank, so the runner lists them one by one.</summary>
    public static TheoryData<string, int, string> Examples()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var example in Extract()) data.Add(example.Document, example.Number, example.Language);
        return data;
    }

    private static List<Example> Extract()
    {
        var data = new List<Example>();
        foreach (var document in new[] { "integrations-api-notice-v1.0.md", "integration-guide-v1.2.md" })
        {
            var markdown = File.ReadAllText(Path.Combine(SeedsFolder(), document));
            var number = 0;
            foreach (Match block in CodeBlock().Matches(markdown))
            {
                var (language, code) = (block.Groups["lang"].Value, block.Groups["code"].Value);
                var runnable = language switch
                {
                    "bash" => code.TrimStart().StartsWith("curl "),
                    "python" => code.Contains("import requests"),
                    "javascript" => code.Contains("require('axios')"),
                    _ => false,
                };
                if (runnable) data.Add(new Example(document, ++number, language, code));
            }
        }
        return data;
    }

    [Fact]
    public void Both_documents_yield_their_examples()
    {
        var examples = Extract();
        examples.Count(e => e.Document.Contains("v1.0")).ShouldBeGreaterThanOrEqualTo(15);
        examples.Count(e => e.Document.Contains("v1.2")).ShouldBeGreaterThanOrEqualTo(5);
        examples.Select(e => e.Language).Distinct().ShouldBe(["bash", "python", "javascript"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_example_runs_verbatim_and_succeeds(string document, int number, string language)
    {
        var example = Extract().Single(e => e.Document == document && e.Number == number);
        example.Language.ShouldBe(language);
        var tenant = await TestTenant.CreateAsync(api);
        var admin = await tenant.AllPowerfulAsync();
        var store = await tenant.CreateStoreAsync(admin);
        var manager = await tenant.CreateManagerAsync(admin, store);
        var seller1 = await tenant.CreateSellerAsync(admin, store, manager);
        var seller2 = await tenant.CreateSellerAsync(admin, store, manager);
        var key = (await tenant.CreateKeyAsync("stores:read", "stores:write", "users:write", "kpi:write", "stats:read")).Secret;
        var baseUrl = api.Client().BaseAddress!.ToString().TrimEnd('/');
        var unique = Guid.NewGuid().ToString("N")[..10];

        var code = example.Code
            .Replace("https://api.retailperformerai.com", baseUrl)
            .Replace("https://retailperformerai.com/api", baseUrl + "/api")
            .Replace("sk_live_votre_cle_api_ici", key)
            .Replace("rp_live_votre_cle_api_ici", key)
            .Replace("store-123", store.ToString())
            .Replace("seller-456", seller1.ToString())
            .Replace("seller-789", seller2.ToString())
            .Replace("manager-789", manager.ToString())
            .Replace("@example.com", $"@{unique}.example.com");

        var (exitCode, output) = example.Language switch
        {
            "bash" => await Run("bash", "-c", code.TrimEnd() + " -sS -o /dev/stderr -w '\\nHTTP %{http_code}\\n'"),
            "python" => await Run(await PythonWithRequests(), "-c", code),
            _ => await Run("node", "-e", code),
        };

        exitCode.ShouldBe(0, output);
        output.ShouldNotContain("Erreur", Case.Sensitive, output);
        output.ShouldNotContain("Traceback", Case.Sensitive, output);
        if (example.Language == "bash") output.ShouldContain("HTTP 200", Case.Sensitive, output);
        else output.ShouldNotBeNullOrWhiteSpace();
    }

    /// <summary>RP_PYTHON, else the first python3 that can import requests (scripts/prerequisites makes sure one can).</summary>
    private static async Task<string> PythonWithRequests()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("RP_PYTHON"), "python3", "/usr/bin/python3" };
        foreach (var candidate in candidates.Where(c => !string.IsNullOrEmpty(c)))
        {
            try
            {
                if ((await Run(candidate!, "-c", "import requests")).ExitCode == 0) return candidate!;
            }
            catch (System.ComponentModel.Win32Exception) { /* not installed */ }
        }
        throw new InvalidOperationException("No python3 here can import requests: run scripts/prerequisites (Debian: apt-get install python3-requests) or set RP_PYTHON");
    }

    private static Task<(int ExitCode, string Output)> Run(string program, params string[] arguments) =>
        ExternalProcess.RunAsync(program, arguments, environment: new Dictionary<string, string>
        {
            ["NODE_PATH"] = Path.Combine(ExternalProcess.TestsFolder(), "SeedExamples", "node_modules"),
            ["PYTHONIOENCODING"] = "utf-8",
        });

    [GeneratedRegex(@"```(?<lang>[a-z]+)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    /// <summary>shared/seeds beside the checkout (where CI and every developer have it).</summary>
    private static string SeedsFolder()
    {
        var directory = new DirectoryInfo(ExternalProcess.TestsFolder());
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "shared", "seeds"))) directory = directory.Parent;
        return directory is null
            ? throw new InvalidOperationException("shared/seeds was not found beside the checkout: the seed examples cannot be run")
            : Path.Combine(directory.FullName, "shared", "seeds");
    }
}
