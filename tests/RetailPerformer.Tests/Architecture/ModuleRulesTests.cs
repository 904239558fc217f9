using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using RetailPerformer.Tests.Infrastructure;
using Shouldly;

namespace RetailPerformer.Tests.Architecture;

/// <summary>The rules of shared/docs/architecture.md that the compiler does not enforce.</summary>
public sealed partial class ModuleRulesTests
{
    /// <summary>
    /// Every module the host is built from, discovered rather than listed: an assembly the host references that has a
    /// door — a public static class <c>XModule</c> with its <c>Schema</c> constant.
    /// </summary>
    private static readonly (string Schema, Assembly Assembly, Type Door)[] Modules = typeof(Program).Assembly.GetReferencedAssemblies()
        .Where(a => a.Name!.StartsWith("RetailPerformer.", StringComparison.Ordinal))
        .Select(Assembly.Load)
        .SelectMany(a => a.GetExportedTypes().Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name == a.GetName().Name!.Split('.')[^1] + "Module"))
        .Select(door => ((string)door.GetField("Schema")!.GetRawConstantValue()!, door.Assembly, door))
        .OrderBy(m => m.Item1)
        .ToArray();

    [Fact]
    public void The_modules_are_discovered()
    {
        Modules.Select(m => m.Schema).ShouldBe(["activity", "console", "keys", "kpi", "stats", "stores", "users", "webhooks"]);
    }

    public static TheoryData<string> ModuleNames() => new(Modules.Select(m => m.Schema));

    private static (string Schema, Assembly Assembly, Type Door) Module(string schema) => Modules.Single(m => m.Schema == schema);

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_references_no_other_module(string schema)
    {
        var others = Modules.Where(m => m.Schema != schema).Select(m => m.Assembly.GetName().Name).ToHashSet();
        Module(schema).Assembly.GetReferencedAssemblies().Select(a => a.Name).Where(others.Contains).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_exposes_only_its_door_and_its_request_and_response_records(string schema)
    {
        var (_, assembly, door) = Module(schema);
        var offenders = assembly.GetExportedTypes()
            .Where(t => t != door && !(IsSealedRecord(t) && (t.Name.EndsWith("Request") || t.Name.EndsWith("Response") || IsPartOfAResponse(t, assembly))))
            // The console's pages: Razor makes every component public; a page is reached by its route, never by code.
            .Where(t => !typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t) && t.Name != "_Imports")
            .Select(t => t.FullName)
            .ToList();
        offenders.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Every_request_has_a_validator(string schema)
    {
        var assembly = Module(schema).Assembly;
        var validated = assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        assembly.GetExportedTypes().Where(t => t.Name.EndsWith("Request") && !validated.Contains(t)).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_touches_only_tables_of_its_own_schema(string schema)
    {
        var folder = ModuleFolder(schema);
        var schemas = Modules.Select(m => m.Schema).ToHashSet();
        var foreign = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".sql"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => TableReference().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Schema: m.Groups["schema"].Value, Table: m.Value)))
            .Where(r => schemas.Contains(r.Schema) && r.Schema != schema)
            .Select(r => $"{r.File}: {r.Table}")
            .ToList();
        foreign.ShouldBeEmpty();
    }

    /// <summary>
    /// The slice rule: a module's folder holds its door, its migrations, <c>Data/</c>, <c>Provides/</c> and slices; a slice
    /// folder holds one file of its name, declaring <c>{Slice}Endpoint</c>, whose operation names are the slice's (a search
    /// for the name finds everything about it). In <c>Data/</c> and <c>Provides/</c>, a file holds one type, of its name.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_has_slices_named_after_their_operation_and_one_type_per_shared_file(string schema)
    {
        var folder = ModuleFolder(schema);
        var problems = new List<string>();
        foreach (var directory in Directory.GetDirectories(folder).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj" or "Migrations" or "Assets")))
        {
            // The console's slices are pages (Page/Page.razor, its route in it); Layout/ holds what every page shares.
            if (directory == "Layout") continue;
            if (Directory.GetFiles(Path.Combine(folder, directory!), "*.razor").Select(Path.GetFileName).ToList() is { Count: > 0 } pages)
            {
                if (pages is not [var page] || page != directory + ".razor" || Directory.GetFiles(Path.Combine(folder, directory!), "*.cs").Length > 0)
                    problems.Add($"{directory}/ holds {string.Join(", ", pages)}");
                else if (!File.ReadAllText(Path.Combine(folder, directory!, page)).Contains("@page \""))
                    problems.Add($"{directory}/{page} is no page");
                continue;
            }
            // C# files: Data/ may also hold the .sql files of statements the benchmark runs too.
            var files = Directory.GetFiles(Path.Combine(folder, directory!), "*.cs", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
            if (directory is "Data" or "Provides")
            {
                foreach (var file in files)
                {
                    var types = TopLevelType().Matches(File.ReadAllText(Path.Combine(folder, directory, file!))).Select(m => m.Groups["name"].Value).ToList();
                    if (types.Count != 1 || types[0] + ".cs" != file) problems.Add($"{directory}/{file} declares {string.Join(", ", types)}");
                }
                continue;
            }
            if (files.Count != 1 || files[0] != directory + ".cs") { problems.Add($"{directory}/ holds {string.Join(", ", files)}"); continue; }
            var text = File.ReadAllText(Path.Combine(folder, directory!, files[0]!));
            if (!text.Contains($"class {directory}Endpoint")) problems.Add($"{directory}/{files[0]} declares no {directory}Endpoint");
            foreach (var name in OperationName().Matches(text).Select(m => m.Groups["name"].Value))
                if (name != directory) problems.Add($"{directory}/{files[0]} names its operation {name}");
        }
        var loose = Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName).Where(f => f != $"{Path.GetFileName(folder)}Module.cs").ToList();
        problems.AddRange(loose.Select(f => $"{f} stands outside any slice, Data/ or Provides/"));
        problems.ShouldBeEmpty();
    }

    /// <summary>The kernel too: a file holds the type it is named after (a contract file holds the records its interface speaks of).</summary>
    [Fact]
    public void Every_file_of_the_kernel_holds_the_type_it_is_named_after()
    {
        var shared = Path.Combine(Repository.Root(), "Modules", "Shared");
        var problems = Directory.EnumerateFiles(shared, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (File: Path.GetFileName(f), Contract: f.Contains($"{Path.DirectorySeparatorChar}Contracts{Path.DirectorySeparatorChar}"),
                          Types: TopLevelType().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value).ToList()))
            .Where(f => !f.Types.Contains(Path.GetFileNameWithoutExtension(f.File)) || (!f.Contract && f.Types.Count != 1))
            .Select(f => $"{f.File} declares {string.Join(", ", f.Types)}")
            .ToList();
        problems.ShouldBeEmpty();
    }

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|readonly|abstract|partial)\s+)*(?:record struct|record|class|interface|enum|struct)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"WithName\((?:family\.Name\()?""(?<name>\w+)""")]
    private static partial Regex OperationName();

    private static string ModuleFolder(string schema) => Path.Combine(Repository.Root(), "Modules", Path.GetFileName(Path.GetDirectoryName(
        Directory.GetFiles(Path.Combine(Repository.Root(), "Modules"), $"RetailPerformer.*.csproj", SearchOption.AllDirectories)
            .Single(p => Module(schema).Assembly.GetName().Name + ".csproj" == Path.GetFileName(p)))!));

    [Fact]
    public void The_schema_rule_would_see_a_foreign_table()
    {
        TableReference().Match("SELECT 1 FROM kpi.entries e JOIN users.users u ON true").Success.ShouldBeTrue();
        TableReference().Matches("UPDATE stores.stores SET x = 1").Single().Groups["schema"].Value.ShouldBe("stores");
    }

    [GeneratedRegex(@"\b(?:FROM|JOIN|INTO|UPDATE|TABLE|INDEX\s+\w+\s+ON)\s+(?<schema>[a-z_]+)\.[a-z_]+", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();

    private static bool IsSealedRecord(Type t) => t.IsSealed && t.GetMethod("<Clone>$") is not null;

    /// <summary>A record reachable from a request or response (an item, a sub-object, at any depth) is part of it.</summary>
    private static bool IsPartOfAResponse(Type t, Assembly assembly)
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(assembly.GetExportedTypes().Where(r => r.Name.EndsWith("Response") || r.Name.EndsWith("Request")));
        while (pending.TryDequeue(out var type))
        {
            foreach (var property in type.GetProperties())
            {
                foreach (var reached in property.PropertyType.GetGenericArguments().Append(property.PropertyType))
                    if (reached.Assembly == assembly && seen.Add(reached)) pending.Enqueue(reached);
            }
        }
        return seen.Contains(t);
    }

}
