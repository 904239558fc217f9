namespace RetailPerformer.Shared.Http;

/// <summary>
/// A request and/or response example for the OpenAPI document, taken from the seed documents so the
/// reference page shows integrators the bodies they already know. The host's document transformer applies it.
/// </summary>
public sealed record ExampleBodies(string? Request, string? Response);
