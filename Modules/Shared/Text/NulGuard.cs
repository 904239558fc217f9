using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RetailPerformer.Shared.Http;

namespace RetailPerformer.Shared.Text;

/// <summary>
/// One rule for every request: a NUL character (<c>\u0000</c>) is refused wherever user text enters — any string of
/// any JSON body, any query parameter, the path — with a 400 naming where it was. PostgreSQL cannot store NUL in text,
/// so without this each field would need its own check, and one forgotten field was a 500.
/// </summary>
public static class NulGuard
{
    public const string Message = "must not contain NUL characters (\\u0000)";

    /// <summary>Thrown by <see cref="NulRefusingStringConverter"/>; the host answers 400 naming the JSON path.</summary>
    public sealed class NulInJsonException() : JsonException(NulGuard.Message);

    /// <summary>Every JSON string read by the API goes through this converter (registered on the API's JSON options).</summary>
    public sealed class NulRefusingStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            if (value is not null && value.Contains('\0')) throw new NulInJsonException();
            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        // Property names: the default behaviour (dictionary keys).
        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString()!;
            if (value.Contains('\0')) throw new NulInJsonException();
            return value;
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
    }

    /// <summary>The query string and the path: 400 naming the parameter before routing picks an endpoint.</summary>
    public static IApplicationBuilder UseNulGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        // Cheap test first: a NUL reaches the query or the path only percent-encoded.
        var query = request.QueryString.Value;
        if (query is not null && query.Contains("%00", StringComparison.Ordinal))
        {
            foreach (var (name, values) in request.Query)
                if (name.Contains('\0') || values.Any(v => v is not null && v.Contains('\0')))
                    return Refuse(context, name.Replace("\0", "\\u0000"));
        }
        if (request.Path.HasValue && request.Path.Value.Contains('\0')) return Refuse(context, "path");
        return next(context);
    });

    private static Task Refuse(HttpContext context, string where) =>
        Problems.WriteValidationAsync(context, new Dictionary<string, string[]> { [where] = [$"'{where}' {Message}"] });
}
