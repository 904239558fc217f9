namespace RetailPerformer.Kpi.Data;

/// <summary>The Kpi module's messages that the contract and the seeds quote word for word (code and tests use these constants).</summary>
internal static class KpiMessages
{
    public const string KpiSynchronized = "KPI synchronized successfully";
    public const string KpiEntryCreated = "KPI entry created successfully";
    public const string KpiCreated = "KPI created successfully";
}
