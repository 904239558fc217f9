using System.Text.Json;

namespace RetailPerformer.WebConsole.Data;

/// <summary>A store as the API lists it, read for the pages.</summary>
internal sealed record StoreView(Guid Id, string Name, string Location, string? Address, string? ExternalId, bool Active)
{
    public static StoreView From(JsonElement store) => new(
        store.GetProperty("id").GetGuid(), store.GetProperty("name").GetString()!, store.GetProperty("location").GetString()!,
        store.GetProperty("address").GetString(), store.GetProperty("external_id").GetString(), store.GetProperty("active").GetBoolean());
}
