using System.Reflection;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// A module's statement kept in a file of its <c>Data/</c> folder and embedded in its assembly (the modules' build does
/// that for <c>Data/*.sql</c>), so that <c>bench/run</c> can hand pgbench the very same statement.
/// </summary>
public static class EmbeddedSql
{
    public static string Read(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
