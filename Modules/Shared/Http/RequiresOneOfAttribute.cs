using System.Text.Json;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// A request record that needs exactly one of two properties (our id or the integration's own, for instance): the
/// reference says so with <c>anyOf</c> of the two <c>required</c> lists; the record's validator enforces it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresOneOfAttribute(string first, string second) : Attribute
{
    /// <summary>The two properties' JSON names.</summary>
    public IReadOnlyList<string> Properties { get; } = [JsonNamingPolicy.SnakeCaseLower.ConvertName(first), JsonNamingPolicy.SnakeCaseLower.ConvertName(second)];
}
