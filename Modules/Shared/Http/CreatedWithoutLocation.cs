namespace RetailPerformer.Shared.Http;

/// <summary>Marks a route whose 201 has no <c>Location</c> (what it creates has no address of its own), so the reference does not promise one.</summary>
public sealed class CreatedWithoutLocation
{
    public static readonly CreatedWithoutLocation Instance = new();
}
