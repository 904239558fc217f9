namespace RetailPerformer.WebConsole.Data;

/// <summary>
/// A permission as the key form shows it: the canonical name (the v1.0 notice's <c>resource:action</c>), the v1.2
/// guide's spelling when it has one, and what each document says it allows.
/// </summary>
internal sealed record Permission(string Name, string? Alias, string Description)
{
    public static readonly IReadOnlyList<Permission> All =
    [
        new("kpi:write", "write:kpi", "Écriture des KPI (CA, ventes, articles) : synchroniser les KPI journaliers"),
        new("stats:read", "read:stats", "Lecture des statistiques (et de vos magasins, avec leurs équipes)"),
        new("stores:read", null, "Lire la liste des magasins"),
        new("stores:write", "write:stores", "Créer des magasins"),
        new("users:write", "write:users", "Créer et modifier des managers et vendeurs"),
    ];

    public static string DescriptionOf(string name) => All.FirstOrDefault(p => p.Name == name)?.Description ?? name;
}
