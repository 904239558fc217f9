using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Foundation;

/// <summary>
/// The document as an integrator's tools read it (issue 17): Redocly CLI and Spectral find no error in it (every
/// example is checked against its schema there), and a TypeScript client generated from it by @hey-api/openapi-ts
/// accepts the guide's whole-chain workflow and the notice's examples, with their own payloads (<c>tsc --noEmit</c>).
/// The tools are pinned in <c>OpenApiClient/package.json</c> (fetched at build, like the seed examples' axios).
/// </summary>
public sealed class OpenApiClientTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string Folder = Path.Combine(ExternalProcess.TestsFolder(), "OpenApiClient");
    private static readonly string Generated = Path.Combine(Folder, "generated");

    [Fact]
    public async Task Redocly_finds_no_error_in_the_document()
    {
        var document = await WriteDocumentAsync("redocly.json");
        var (exitCode, output) = await Tool("redocly", "lint", document, "--config", "redocly.yaml", "--format=stylish");
        exitCode.ShouldBe(0, output);
        output.ShouldContain("validated");
    }

    [Fact]
    public async Task Spectral_finds_no_error_in_the_document()
    {
        var document = await WriteDocumentAsync("spectral.json");
        var (exitCode, output) = await Tool("spectral", "lint", document, "--ruleset", ".spectral.yaml", "--fail-severity=error");
        exitCode.ShouldBe(0, output);
        output.ShouldNotContain(" error ");
    }

    [Fact]
    public async Task A_generated_TypeScript_client_type_checks_the_guides_workflow_and_the_notices_examples()
    {
        var document = await WriteDocumentAsync("openapi.json");
        var client = Path.Combine(Generated, "client");
        if (Directory.Exists(client)) Directory.Delete(client, recursive: true);

        var (generated, generation) = await Tool("openapi-ts", "-i", document, "-o", client, "-p", "@hey-api/client-fetch");
        generated.ShouldBe(0, generation);
        File.Exists(Path.Combine(client, "sdk.gen.ts")).ShouldBeTrue(generation);

        var (compiled, errors) = await Tool("tsc", "-p", "tsconfig.json", "--noEmit");
        compiled.ShouldBe(0, errors);
    }

    private async Task<string> WriteDocumentAsync(string name)
    {
        Directory.CreateDirectory(Generated);
        var path = Path.Combine(Generated, name);
        await File.WriteAllTextAsync(path, await api.Client().GetStringAsync("/openapi/v1.json"));
        return path;
    }

    private static Task<(int ExitCode, string Output)> Tool(string name, params string[] arguments) =>
        ExternalProcess.RunAsync(Path.Combine(Folder, "node_modules", ".bin", name), arguments, Folder, timeout: TimeSpan.FromMinutes(2));
}
