using System.Buffers.Binary;
using System.Text;

namespace RetailPerformer.Activity.Data;

/// <summary>
/// A block's requests as the log writer writes them since migration 0003: fixed-size binary entries that point into
/// the block's table of distinct strings (a route, a client address or a user agent is written once per block, not
/// once per request), little-endian:
/// <code>
/// 0             format (2; the JSON blocks of migration 0002 start with '[')
/// 1             entry count N (u32), then string count S (u32)
/// 9             N entries of 51 bytes: µs after the block's first (i64), method, route, path ids (string indexes, u16),
///               status (u16), duration µs (u32), detail, client, user agent (string index + 1, u16; 0 = none),
///               request id: 1 and the trace's 16 + 8 bytes (flags 01) or 0 and them (flags 00), or 2 and a string index
/// 9 + 51 N      S + 1 string offsets (u32) into the UTF-8 bytes that follow
/// </code>
/// Against the JSON of 0002 (~130 bytes a request) this is ~50 bytes before compression (31 MB stored per million
/// requests), and nothing is formatted or escaped per request: the writer went from 3.9 % to 2.0 % of a busy host's
/// on-CPU samples (`bench/run --only me --reps 1 --trace me`, then `bench/profile.py … --share RequestLogWriter`).
/// <c>activity.block_requests</c> reads both forms.
/// </summary>
internal sealed class CompactEntries
{
    public const byte Format = 2;
    public const int HeaderSize = 9;
    public const int EntrySize = 51;

    /// <summary>
    /// String indexes are u16: a block never holds more than one batch, whose 10,000 records bring at most five strings of
    /// their own each (path ids, detail, client, agent, a request id of the server's) beside the API's few methods and routes.
    /// </summary>
    public const int MaxRequests = 10_000;

    private readonly Dictionary<string, ushort> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];
    private byte[] _buffer = new byte[1 << 16];
    private int _count;

    /// <summary>Starts a block.</summary>
    public void Clear()
    {
        _indexes.Clear();
        _strings.Clear();
        _count = 0;
    }

    /// <summary>Adds the next request of the block (in the order they were answered).</summary>
    public void Add(in RequestRecord r, DateTime first)
    {
        var at = HeaderSize + _count++ * EntrySize;
        Grow(at + EntrySize);
        var entry = _buffer.AsSpan(at, EntrySize);
        BinaryPrimitives.WriteInt64LittleEndian(entry, (r.At - first).Ticks / 10);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], Index(r.Method));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[10..], Index(r.Route));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[12..], Index(r.PathIds));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[14..], (ushort)r.Status);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], (uint)Math.Min(uint.MaxValue, Math.Round(r.DurationMs * 1000d)));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[20..], OptionalIndex(r.Detail));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[22..], OptionalIndex(r.Client));
        BinaryPrimitives.WriteUInt16LittleEndian(entry[24..], OptionalIndex(r.UserAgent));
        var id = entry[26..];
        if (r.RequestId.Text is { } text)
        {
            id.Clear();
            id[0] = 2;
            BinaryPrimitives.WriteUInt16LittleEndian(id[1..], Index(text));
        }
        else
        {
            id[0] = r.RequestId.Recorded ? (byte)1 : (byte)0;
            var trace = r.RequestId.Bytes;   // a copy: the record's members are properties
            ((ReadOnlySpan<byte>)trace).CopyTo(id[1..25]);
        }
    }

    /// <summary>The block's bytes, valid until the next <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Finish()
    {
        _buffer[0] = Format;
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(1), (uint)_count);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(5), (uint)_strings.Count);
        var offsets = HeaderSize + _count * EntrySize;
        var bytes = offsets + (_strings.Count + 1) * 4;
        var length = bytes;
        foreach (var s in _strings) length += Encoding.UTF8.GetByteCount(s);
        Grow(length);
        var written = 0;
        for (var i = 0; i < _strings.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(offsets + i * 4), (uint)written);
            written += Encoding.UTF8.GetBytes(_strings[i], _buffer.AsSpan(bytes + written));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(offsets + _strings.Count * 4), (uint)written);
        return _buffer.AsMemory(0, length);
    }

    private ushort OptionalIndex(string? value) => value is null ? (ushort)0 : (ushort)(Index(value) + 1);

    private ushort Index(string value)
    {
        if (_indexes.TryGetValue(value, out var index)) return index;
        index = (ushort)_strings.Count;
        _strings.Add(value);
        _indexes.Add(value, index);
        return index;
    }

    private void Grow(int length)
    {
        if (length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(length, _buffer.Length * 2));
    }

    /// <summary>A compact block read: its strings decoded once, its entries read where they lie.</summary>
    public readonly ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _block;
        private readonly string[] _strings;

        public Reader(ReadOnlySpan<byte> block)
        {
            _block = block;
            Count = (int)BinaryPrimitives.ReadUInt32LittleEndian(block[1..]);
            _strings = new string[BinaryPrimitives.ReadUInt32LittleEndian(block[5..])];
            var offsets = HeaderSize + Count * EntrySize;
            var bytes = offsets + (_strings.Length + 1) * 4;
            for (var i = 0; i < _strings.Length; i++)
            {
                var from = (int)BinaryPrimitives.ReadUInt32LittleEndian(block[(offsets + i * 4)..]);
                var to = (int)BinaryPrimitives.ReadUInt32LittleEndian(block[(offsets + i * 4 + 4)..]);
                _strings[i] = Encoding.UTF8.GetString(block.Slice(bytes + from, to - from));
            }
        }

        public int Count { get; }

        /// <summary>The index of <paramref name="value"/> in the block's strings, -1 when the block does not hold it.</summary>
        public int IndexOf(string value) => Array.IndexOf(_strings, value);

        private string? Optional(ReadOnlySpan<byte> entry, int at) =>
            BinaryPrimitives.ReadUInt16LittleEndian(entry[at..]) is var index and > 0 ? _strings[index - 1] : null;

        private ReadOnlySpan<byte> Entry(int i) => _block.Slice(HeaderSize + i * EntrySize, EntrySize);

        public int RouteIndex(int i) => BinaryPrimitives.ReadUInt16LittleEndian(Entry(i)[10..]);

        public short Status(int i) => (short)BinaryPrimitives.ReadUInt16LittleEndian(Entry(i)[14..]);

        public LoggedRequest Read(int i, DateTime first)
        {
            var entry = Entry(i);
            var id = entry[26..];
            return new LoggedRequest(
                first.AddTicks(BinaryPrimitives.ReadInt64LittleEndian(entry) * 10),
                _strings[BinaryPrimitives.ReadUInt16LittleEndian(entry[8..])],
                _strings[BinaryPrimitives.ReadUInt16LittleEndian(entry[10..])],
                _strings[BinaryPrimitives.ReadUInt16LittleEndian(entry[12..])],
                Status(i),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[16..]) / 1000f,
                Optional(entry, 20), Optional(entry, 22), Optional(entry, 24),
                id[0] == 2
                    ? _strings[BinaryPrimitives.ReadUInt16LittleEndian(id[1..])]
                    : LoggedRequestId.Format(id.Slice(1, 24), id[0] == 1));
        }
    }
}
