using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using Shouldly;

namespace RetailPerformer.Tests.Architecture;

/// <summary>The rules of shared/docs/architecture.md that the compiler does not enforce.</summary>
public sealed partial class ModuleRulesTests
{
    private static readonly (string Schema, Assembly Assembly, Type Door)[] Modules =
    [
        ("users", typeof(RetailPerformer.Users.UsersModule).Assembly, typeof(RetailPerformer.Users.UsersModule)),
        ("stores", typeof(RetailPerformer.Stores.StoresModule).Assembly, typeof(RetailPerformer.Stores.StoresModule)),
        ("keys", typeof(RetailPerformer.Keys.KeysModule).Assembly, typeof(RetailPerformer.Keys.KeysModule)),
        ("kpi", typeof(RetailPerformer.Kpi.KpiModule).Assembly, typeof(RetailPerformer.Kpi.KpiModule)),
        ("stats", typeof(RetailPerformer.Stats.StatsModule).Assembly, typeof(RetailPerformer.Stats.StatsModule)),
    ];

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
        var folder = Path.Combine(RepositoryRoot(), "Modules", char.ToUpperInvariant(schema[0]) + schema[1..]);
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

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RetailPerformer.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("RetailPerformer.sln not found above the test binaries");
    }
}
