using System.Reflection;
using System.Text.RegularExpressions;

namespace RetailPerformer.Shared.Data;

/// <summary>One module's numbered SQL migrations, embedded in its assembly as <c>Migrations/NNNN_name.sql</c>.</summary>
public sealed partial record ModuleMigrations(string Module, Assembly Assembly)
{
    public sealed record Migration(int Version, string Name, string Sql);

    public IReadOnlyList<Migration> Load()
    {
        var migrations = new List<Migration>();
        foreach (var resource in Assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success) continue;
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Module {Module} has two migrations numbered {duplicate.Key}");
        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
