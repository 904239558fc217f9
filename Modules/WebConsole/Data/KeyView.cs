using System.Text.Json;

namespace RetailPerformer.WebConsole.Data;

/// <summary>A key as the API lists it (never its secret), read for the page.</summary>
internal sealed record KeyView(Guid Id, string Name, string Hint, IReadOnlyList<string> Permissions, IReadOnlyList<Guid>? StoreIds,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool Active)
{
    public static KeyView From(JsonElement key) => new(
        key.GetProperty("id").GetGuid(), key.GetProperty("name").GetString()!, key.GetProperty("key_hint").GetString()!,
        key.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToList(),
        key.GetProperty("store_ids").ValueKind == JsonValueKind.Array ? key.GetProperty("store_ids").EnumerateArray().Select(s => s.GetGuid()).ToList() : null,
        key.GetProperty("created_at").GetDateTimeOffset(), Optional(key, "expires_at"), Optional(key, "last_used_at"), key.GetProperty("active").GetBoolean());

    public string Status(DateTimeOffset now) => !Active ? "désactivée" : ExpiresAt is { } expires && expires <= now ? "expirée" : "active";

    private static DateTimeOffset? Optional(JsonElement key, string name) =>
        key.GetProperty(name).ValueKind == JsonValueKind.Null ? null : key.GetProperty(name).GetDateTimeOffset();
}
