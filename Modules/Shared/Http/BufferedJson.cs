using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// A 200 JSON answer serialized in one synchronous pass into the response buffer, then flushed once.
/// </summary>
/// <remarks>
/// For large answers (my-stores of a chain: a thousand people, ~100 KB). <c>TypedResults.Ok</c> serializes
/// asynchronously and flushes every few kilobytes; to do so System.Text.Json must be able to suspend and resume,
/// which keeps a copy of its stack of nested values and falls back from the source generator's fast path: the
/// profile of my-stores (`bench/run --only my-stores --trace my-stores`) had a quarter of the request in those
/// copies. Buffering the whole answer costs its size in memory for the duration of the write.
/// The type info should come from a source-generated context with the API's naming (snake_case).
/// </remarks>
public sealed class BufferedJson<T>(T value, JsonTypeInfo<T> typeInfo)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public T Value => value;
    object? IValueHttpResult.Value => value;
    public int StatusCode => StatusCodes.Status200OK;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(response.BodyWriter))
            JsonSerializer.Serialize(writer, value, typeInfo);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The reference page documents the same 200 answer as <c>Ok&lt;T&gt;</c> would.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
