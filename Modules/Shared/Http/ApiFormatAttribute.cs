namespace RetailPerformer.Shared.Http;

/// <summary>
/// The JSON Schema <c>format</c> of a property or query parameter read as text (<c>uuid</c>, <c>date</c>): the
/// slice parses it itself, so that a malformed id is a 404 naming it and a malformed date a 400 naming its field,
/// but a generated client should see what it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ApiFormatAttribute(string format) : Attribute
{
    public const string Uuid = "uuid";
    public const string Date = "date";

    public string Format { get; } = format;
}
