using System.Text.Json;

namespace RetailPerformer.WebConsole.Data;

/// <summary>my-stats' answer, read for the statistics page: a row per store and the total.</summary>
internal sealed record StatsView(DateOnly Start, DateOnly End, IReadOnlyList<StatsView.Row> Rows, StatsView.Row Total)
{
    /// <param name="StoreId">null for the total.</param>
    public sealed record Row(Guid? StoreId, string Label, decimal Ca, long Ventes, long Articles, decimal Basket, long Prospects, decimal? Rate);

    public static StatsView From(JsonElement stats) => new(
        DateOnly.Parse(stats.GetProperty("period").GetProperty("start").GetString()!),
        DateOnly.Parse(stats.GetProperty("period").GetProperty("end").GetString()!),
        stats.GetProperty("stores").EnumerateArray()
            .Select(s => RowOf(s.GetProperty("metrics"), s.GetProperty("store_id").GetGuid(), s.GetProperty("store_name").GetString()!)).ToList(),
        RowOf(stats.GetProperty("total_all_stores"), null, "Tous les magasins"));

    private static Row RowOf(JsonElement metrics, Guid? store, string label) => new(store, label,
        metrics.GetProperty("total_ca").GetDecimal(), metrics.GetProperty("total_ventes").GetInt64(), metrics.GetProperty("total_articles").GetInt64(),
        metrics.GetProperty("average_basket").GetDecimal(), metrics.GetProperty("total_prospects").GetInt64(),
        metrics.GetProperty("taux_transformation").ValueKind == JsonValueKind.Null ? null : metrics.GetProperty("taux_transformation").GetDecimal());
}
