namespace RetailPerformer.Shared.Http;

/// <summary>Ids are UUIDs; anything else names nothing that exists (404, not 400: integrators' own ids such as "store-123" are simply unknown).</summary>
public static class Ids
{
    public static bool TryParse(string? value, out Guid id) => Guid.TryParse(value, out id);
}
