namespace RetailPerformer.WebConsole.Data;

/// <summary>
/// A permission as the key form shows it: the canonical name (the v1.0 notice's <c>resource:action</c>), the v1.2
/// guide's spelling when it has one, and what each document says it allows (each describes four of the five).
/// </summary>
internal sealed record Permission(string Name, string? Alias, string? Guide, string? Notice)
{
    public static readonly IReadOnlyList<Permission> All =
    [
        new("kpi:write", "write:kpi", "Écriture des KPI (CA, ventes, articles)", "Synchroniser les KPI journaliers"),
        new("stats:read", "read:stats", "Lecture des statistiques", null),
        new("stores:read", null, null, "Lire la liste des magasins"),
        new("stores:write", "write:stores", "Créer des magasins (gérants uniquement)", "Créer des magasins"),
        new("users:write", "write:users", "Créer et modifier des managers et vendeurs", "Créer et modifier des utilisateurs (managers, vendeurs)"),
    ];

    /// <summary>The guide's words, else the notice's.</summary>
    public string Description => Guide ?? Notice!;

    /// <summary>Both documents' words, once each.</summary>
    public string BothDescriptions => Guide is null || Notice is null || Guide.StartsWith(Notice) ? Description : $"{Guide} — {Notice}";

    public static string DescriptionOf(string name) => All.FirstOrDefault(p => p.Name == name)?.Description ?? name;
}
