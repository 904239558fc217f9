using System.Runtime.InteropServices;
using System.Security.Cryptography;
using RetailPerformer.Keys.Data;

namespace RetailPerformer.Keys.Provides;

/// <summary>
/// The key a connection presented last and its hash, kept in the connection's items: a client on a kept-alive connection
/// presents the same key on every request, and hashing it — three calls into OpenSSL, each clearing its error queue — was
/// the largest cost an authenticated request adds to <c>/health</c>'s (perf, `bench/README.md`, "What the profiles found").
/// Only the hash is remembered: the key is still looked up on every request, so a revocation or an expiry applies to the
/// next request as before.
/// </summary>
/// <remarks>
/// The secret stays in the process's memory while the connection is open, as the connection's own buffers hold it; it is
/// never written anywhere. Behind a proxy that reuses its connections to the host (haproxy's <c>http-reuse</c>, in front of our
/// cluster), one connection carries different clients' keys in turn: the comparison is in fixed time, so that one client's
/// timing cannot tell how close its guess is to the key another client presented before it.
/// </remarks>
internal sealed class PresentedKeyMemo
{
    private static readonly object ItemKey = new();

    private readonly string _secret;
    private readonly KeyHash _hash;

    private PresentedKeyMemo(string secret, KeyHash hash) => (_secret, _hash) = (secret, hash);

    /// <summary>The hash of a well-formed key, remembered in <paramref name="connectionItems"/> when there are some.</summary>
    public static KeyHash HashOf(string wellFormedSecret, IDictionary<object, object?>? connectionItems)
    {
        if (connectionItems is null) return ApiKeySecrets.HashOf(wellFormedSecret);
        if (connectionItems.TryGetValue(ItemKey, out var item) && item is PresentedKeyMemo memo && memo.IsFor(wellFormedSecret))
            return memo._hash;
        var hash = ApiKeySecrets.HashOf(wellFormedSecret);
        connectionItems[ItemKey] = new PresentedKeyMemo(wellFormedSecret, hash);
        return hash;
    }

    private bool IsFor(string presented) => presented.Length == _secret.Length && SameInFixedTime(presented, _secret);

    /// <summary>
    /// Whether two strings of the same length are equal, in a time that does not depend on where they differ.
    /// </summary>
    /// <remarks>
    /// Not <see cref="CryptographicOperations.FixedTimeEquals"/>: it is compiled without optimization (so that no compiler
    /// can add an early exit), a byte at a time — 0.74 µs for a key under perf, half of what remembering the hash saves (2026-11-23).
    /// Eight bytes at a time, every word is read and folded into one difference whatever the earlier ones held.
    /// </remarks>
    private static bool SameInFixedTime(string left, string right)
    {
        var a = MemoryMarshal.AsBytes(left.AsSpan());
        var b = MemoryMarshal.AsBytes(right.AsSpan());
        ulong difference = 0;
        var i = 0;
        for (; i + sizeof(ulong) <= a.Length; i += sizeof(ulong))
            difference |= MemoryMarshal.Read<ulong>(a[i..]) ^ MemoryMarshal.Read<ulong>(b[i..]);
        for (; i < a.Length; i++) difference |= (uint)(a[i] ^ b[i]);
        return difference == 0;
    }
}
