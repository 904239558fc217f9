using RetailPerformer.Shared.Data;

namespace RetailPerformer.Kpi.Data;

/// <summary>
/// The module's statements, each in a file of this folder (embedded in the assembly): the product runs them, and
/// <c>bench/run</c> builds its pgbench scripts from the same files, so the benchmark measures the product's SQL and not a copy.
/// </summary>
internal static class KpiSql
{
    /// <summary>Locks the store's month totals row (created if absent): $1 tenant, $2 store, $3 month, $4 now.</summary>
    public static readonly string LockMonth = Read("kpi_lock_month.sql");

    /// <summary>Locks the store's day totals row (created if absent): $1 tenant, $2 store, $3 date, $4 now.</summary>
    public static readonly string LockDay = Read("kpi_lock_day.sql");

    /// <summary>Upserts a batch's entries: $1 tenant, $2 store, $3 date, $4 source, $5 now, $6..$12 the entries' columns as arrays.</summary>
    public static readonly string UpsertEntries = Read("kpi_upsert_entries.sql");

    /// <summary>Recomputes the day totals from the entries: $1 tenant, $2 store, $3 date.</summary>
    public static readonly string DayTotals = Read("kpi_day_totals.sql");

    /// <summary>Recomputes the month totals from the day totals: $1 tenant, $2 store, $3 month, $4 the month after.</summary>
    public static readonly string MonthTotals = Read("kpi_month_totals.sql");

    /// <summary>A line of the sync history: $1 id, $2 tenant, $3 at, $4 store, $5 store as named, $6 date, $7 source, $8 key, $9 person,
    /// $10 entries, $11 created, $12 updated, $13 status, $14 reason, $15 request id.</summary>
    public static readonly string RecordSync = Read("kpi_record_sync.sql");

    /// <summary>Statistics: $1 tenant, $2 store ids, $3..$4 the period.</summary>
    public static readonly string TotalsByStore = Read("kpi_totals_by_store.sql");

    private static string Read(string file) => EmbeddedSql.Read(typeof(KpiSql).Assembly, file);
}
