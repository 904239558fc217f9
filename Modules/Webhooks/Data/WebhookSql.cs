using RetailPerformer.Shared.Data;

namespace RetailPerformer.Webhooks.Data;

/// <summary>
/// The module's statements that <c>bench/run</c> runs too (through pgbench, see bench/pgbench_scripts.py), each in a
/// file of this folder, embedded: the benchmark measures the product's SQL, not a copy.
/// </summary>
internal static class WebhookSql
{
    /// <summary>An event into the outbox: $1 id, $2 tenant, $3 type, $4 occurred at, $5 data (JSON text).</summary>
    public static readonly string AddEvent = Read("webhooks_add_event.sql");

    private static string Read(string file) => EmbeddedSql.Read(typeof(WebhookSql).Assembly, file);
}
