namespace RetailPerformer.Shared.Data;

/// <summary>
/// Reads that tolerate a second of lag (my-stats, my-stores, a key's usage chart) may be served by a streaming-replication
/// standby: <c>ConnectionStrings:RetailPerformerStandby</c>, typically Npgsql's multi-host form with
/// <c>Target Session Attributes=prefer-standby</c> (the standby while it answers, else the primary). Absent, they use the
/// main pool. A slice asks for it by name — <c>[FromKeyedServices(StandbyReads.Key)]</c> on an <c>NpgsqlDataSource</c> or
/// on a directory a module registers for it — so writes, and reads that must see what a request just wrote (kpi/sync's
/// store check, a created key's usage lookup), stay on the primary by default.
/// </summary>
public static class StandbyReads
{
    public const string Key = "standby";
    public const string ConnectionStringName = "RetailPerformerStandby";
}
