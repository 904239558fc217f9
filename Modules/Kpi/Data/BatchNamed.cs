namespace RetailPerformer.Kpi.Data;

/// <summary>What a KPI batch named, as sent (before any of it was checked): for the history of a refused one.</summary>
internal sealed record BatchNamed(string? Store, string? Date, string? Source, int Entries);
