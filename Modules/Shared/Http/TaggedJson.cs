using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// A 200 JSON answer that integrations can poll cheaply: tagged with an <c>ETag</c> computed from its bytes (so any change
/// to what it shows changes the tag, on every host alike), and answered <c>304 Not Modified</c> without a body when the
/// request's <c>If-None-Match</c> names that tag. Serialized in one synchronous pass into a pooled buffer, then written
/// with its length.
/// </summary>
/// <remarks>
/// For large answers (my-stores of a chain: a thousand people, ~100 KB) the synchronous pass matters: serializing
/// asynchronously makes System.Text.Json keep a copy of its stack of nested values and leave the source generator's fast
/// path (`bench/run --only my-stores --trace my-stores`). The type info should come from a source-generated context with
/// the API's naming (snake_case); without one, the API's JSON options give it.
/// </remarks>
public sealed class TaggedJson<T>(T value, JsonTypeInfo<T>? typeInfo = null)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public T Value => value;
    object? IValueHttpResult.Value => value;
    public int StatusCode => StatusCodes.Status200OK;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var info = typeInfo ?? (JsonTypeInfo<T>)httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>()
            .Value.SerializerOptions.GetTypeInfo(typeof(T));
        using var buffer = new PooledBuffer();
        await using (var writer = new Utf8JsonWriter(buffer))
            JsonSerializer.Serialize(writer, value, info);

        var response = httpContext.Response;
        var tag = EntityTags.Of(buffer.Written.Span);
        response.Headers.ETag = tag;
        // Answers depend on the key that asks: caches may keep them for that caller only, and must ask again each time.
        response.Headers.CacheControl = "private, no-cache";
        if (EntityTags.Match(httpContext.Request.Headers.IfNoneMatch, tag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.Written.Length;
        await response.Body.WriteAsync(buffer.Written, httpContext.RequestAborted);
    }

    /// <summary>The reference page documents the 200 answer and the 304 of a matching <c>If-None-Match</c>.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }

    /// <summary>A growable buffer rented from the shared pool (a 100 KB answer would otherwise land on the large-object heap).</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _written;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(_written);
        }

        private void Ensure(int sizeHint)
        {
            if (_array.Length - _written >= Math.Max(sizeHint, 1)) return;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + sizeHint));
            _array.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
    }
}
