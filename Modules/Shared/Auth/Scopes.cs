namespace RetailPerformer.Shared.Auth;

/// <summary>
/// The permissions an API key can carry. The canonical form is <c>resource:action</c> (v1.0 notice);
/// the v1.2 guide's spellings (<c>write:kpi</c>, …) are accepted on input and mean the same thing.
/// </summary>
public static class Scopes
{
    public const string StoresRead = "stores:read";
    public const string StoresWrite = "stores:write";
    public const string UsersWrite = "users:write";
    public const string KpiWrite = "kpi:write";
    public const string StatsRead = "stats:read";

    public static readonly IReadOnlyList<string> All = [StoresRead, StoresWrite, UsersWrite, KpiWrite, StatsRead];

    private static readonly Dictionary<string, string> CanonicalByName = new(StringComparer.OrdinalIgnoreCase)
    {
        [StoresRead] = StoresRead,
        [StoresWrite] = StoresWrite,
        [UsersWrite] = UsersWrite,
        [KpiWrite] = KpiWrite,
        [StatsRead] = StatsRead,
        ["write:stores"] = StoresWrite,
        ["write:users"] = UsersWrite,
        ["write:kpi"] = KpiWrite,
        ["read:stats"] = StatsRead,
    };

    /// <summary>Every spelling accepted on input, canonical names first.</summary>
    public static IEnumerable<string> AcceptedNames => CanonicalByName.Keys;

    public static bool TryCanonicalize(string? name, out string canonical)
    {
        canonical = "";
        if (name is null || !CanonicalByName.TryGetValue(name.Trim(), out var found)) return false;
        canonical = found;
        return true;
    }
}
