using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// A 200 answer whose JSON was serialized beforehand (an answer that depends on the caller alone, kept with
/// the caller). It is copied into the response buffer with its length and flushed once: headers and body leave
/// in one write.
/// </summary>
/// <remarks>
/// <c>TypedResults.Bytes</c> would do the same through the file-result machinery (range and precondition
/// checks, a log call), which showed in the profile of <c>/api/v1/integrations/me</c> (`bench/run --only me --trace me`).
/// Document the answer's type with
/// <c>.Produces&lt;T&gt;()</c> on the endpoint.
/// </remarks>
public sealed class Utf8JsonAnswer(byte[] utf8Json) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = utf8Json.Length;
        response.BodyWriter.Write(utf8Json);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
