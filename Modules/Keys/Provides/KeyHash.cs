using System.Buffers.Binary;

namespace RetailPerformer.Keys.Provides;

/// <summary>The SHA-256 of a key as a value, so that looking a key up allocates nothing.</summary>
internal readonly record struct KeyHash(ulong A, ulong B, ulong C, ulong D)
{
    public const int Length = 32;

    public static KeyHash From(ReadOnlySpan<byte> sha256) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(sha256),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(sha256[24..]));

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, A);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), B);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), C);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), D);
        return bytes;
    }

    /// <summary>The hex form the revocation notifications carry; false when it is not a SHA-256.</summary>
    public static bool TryParseHex(string hex, out KeyHash hash)
    {
        Span<byte> bytes = stackalloc byte[Length];
        if (hex.Length != Length * 2 || Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Length)
        {
            hash = default;
            return false;
        }
        hash = From(bytes);
        return true;
    }
}
