using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace RetailPerformer.Shared.Http;

/// <summary>Strong entity tags of answers, and <c>If-None-Match</c>'s weak comparison (RFC 9110 §13.1.2).</summary>
public static class EntityTags
{
    /// <summary>A quoted tag from the first 16 bytes of the SHA-256 of the answer.</summary>
    public static string Of(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return $"\"{System.Buffers.Text.Base64Url.EncodeToString(hash[..16])}\"";
    }

    /// <summary>Whether an <c>If-None-Match</c> header (a list, <c>*</c>, weak or strong tags) names <paramref name="tag"/>.</summary>
    public static bool Match(StringValues ifNoneMatch, string tag)
    {
        foreach (var header in ifNoneMatch)
        {
            if (header is null) continue;
            foreach (var candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*") return true;
                var opaque = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (opaque == tag) return true;
            }
        }
        return false;
    }
}
