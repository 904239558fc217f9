using System.Text.Json;

namespace RetailPerformer.WebConsole.Data;

/// <summary>A manager or seller as the API lists them, read for the pages.</summary>
internal sealed record PersonView(Guid Id, string Name, string Email, string Role, string Status, Guid? StoreId, string? Phone, string? ExternalId)
{
    public static PersonView From(JsonElement person) => new(
        person.GetProperty("id").GetGuid(), person.GetProperty("name").GetString()!, person.GetProperty("email").GetString()!,
        person.GetProperty("role").GetString()!, person.GetProperty("status").GetString()!,
        person.GetProperty("store_id").ValueKind == JsonValueKind.Null ? null : person.GetProperty("store_id").GetGuid(),
        person.GetProperty("phone").GetString(), person.GetProperty("external_id").GetString());

    public string RoleInFrench => Role switch { Roles.Manager => "Manager", Roles.Seller => "Vendeur", _ => "Gérant" };

    public string StatusInFrench => Status switch { "active" => "actif", "suspended" => "suspendu", _ => "supprimé" };
}
