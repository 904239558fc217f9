using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RetailPerformer.Keys.Data;

/// <summary>
/// New keys are <c>rp_live_</c> + 32 random bytes, URL-safe base64. Only the SHA-256 of a key is stored,
/// and keys are found by that hash, so any key the store knows authenticates whatever its prefix
/// (<c>sk_live_…</c> keys of the v1.0 era included). A fast hash is right here: the secret has 256 bits
/// of entropy, so there is nothing to brute-force, and authentication runs on every request.
/// </summary>
internal static class ApiKeySecrets
{
    public const string Prefix = "rp_live_";
    private const int SecretBytes = 32;
    private const int MaximumLength = 256;

    public static string NewSecret() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>
    /// One SHA-256 context per thread, reset after each use. <c>SHA256.HashData</c> creates and frees an OpenSSL
    /// context on every call, and two threads doing so contend inside OpenSSL (figures: bench/README.md, "What the
    /// profiles found"; `bench/run --only me --trace me`).
    /// </summary>
    [ThreadStatic] private static IncrementalHash? t_sha256;

    /// <summary>
    /// What is stored and looked up: the SHA-256 of the key's UTF-8 bytes, computed on the stack (it runs on every
    /// authenticated request). Only for well-formed keys (see <see cref="IsWellFormed"/>); new secrets are.
    /// </summary>
    public static KeyHash HashOf(string wellFormedSecret)
    {
        // A well-formed key is at most MaximumLength ASCII characters, so one byte each.
        Span<byte> utf8 = stackalloc byte[MaximumLength];
        var length = Encoding.UTF8.GetBytes(wellFormedSecret, utf8);
        Span<byte> hash = stackalloc byte[KeyHash.Length];
        // Nothing awaits between appending and reading, so the thread's context cannot be used by anything else
        // meanwhile; GetHashAndReset leaves it ready for the next key.
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(utf8[..length]);
        sha256.GetHashAndReset(hash);
        return KeyHash.From(hash);
    }

    /// <summary>What the list shows: the prefix and the last four characters.</summary>
    public static string Hint(string secret)
    {
        // The prefix is the first two segments (rp_live_); the random part may itself contain '_'.
        var first = secret.IndexOf('_');
        var second = first < 0 ? -1 : secret.IndexOf('_', first + 1);
        var prefix = second is > 0 and < 16 ? secret[..(second + 1)] : "";
        return $"{prefix}…{secret[^4..]}";
    }

    /// <summary>Printable ASCII without spaces, of a sane length: anything else cannot be a key and is not looked up.</summary>
    public static bool IsWellFormed(string presented) =>
        presented.Length is >= 16 and <= MaximumLength && !presented.AsSpan().ContainsAnyExceptInRange('!', '~');
}
