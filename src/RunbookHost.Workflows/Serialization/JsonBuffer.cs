using System.Collections.Concurrent;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RunbookHost.Workflows.Serialization;

/// <summary>
/// UTF-8 JSON written straight into a buffer it owns, for documents written on every commit (journal
/// records to hash, the run's state). The fixed parts are written as bytes, and so are strings that
/// the given escaping rule leaves as they are (most) and integers; everything else goes through
/// System.Text.Json's writer with that rule, into the same buffer, so the bytes are the ones it would
/// write. Commas between members are the caller's. Reused: <see cref="Reset"/> before each document.
/// </summary>
internal class JsonBuffer : IBufferWriter<byte>, IDisposable
{
    private readonly SearchValues<char> _verbatim;
    private readonly bool[] _verbatimTable;
    private readonly JsonWriterOptions _options;
    private byte[] _buffer;
    private int _length;
    private Utf8JsonWriter? _writer;

    public JsonBuffer(int initialSize, JsonWriterOptions options)
    {
        _buffer = new byte[initialSize];
        _options = options;
        (_verbatim, _verbatimTable) = Verbatim.GetOrAdd(options.Encoder ?? JavaScriptEncoder.Default, VerbatimFor);
    }

    /// <summary>Each escaping rule's verbatim characters, found once: buffers are made per thread.</summary>
    private static readonly ConcurrentDictionary<JavaScriptEncoder, (SearchValues<char> Set, bool[] Table)> Verbatim = new();

    /// <summary>
    /// Printable ASCII that <paramref name="encoder"/> writes unescaped in a JSON string, found from the
    /// encoder itself; as a set for long strings, and as a table indexed by character for short ones.
    /// </summary>
    private static (SearchValues<char> Set, bool[] Table) VerbatimFor(JavaScriptEncoder encoder)
    {
        var set = SearchValues.Create([.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => JsonEncodedText.Encode(c.ToString(), encoder).Value == c.ToString())]);
        return (set, [.. Enumerable.Range(0, 128).Select(c => set.Contains((char)c))]);
    }

    /// <summary>Strings up to this long are checked and copied by a loop; longer ones by vectorised search and copy.</summary>
    private const int ShortString = 32;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Capacity => _buffer.Length;

    public void Reset() => _length = 0;

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        int size = Math.Max(sizeHint, 1);
        if (_buffer.Length - _length < size)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + Math.Max(size, 256)));
        }

        return _buffer.AsSpan(_length);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public void Advance(int count) => _length += count;

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void Byte(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    /// <summary>A JSON string, or <c>null</c>.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Raw("null"u8);
            return;
        }

        if (value.Length <= ShortString)
        {
            // Checked and copied in one pass: most strings here are ids, kinds and short messages.
            var into = GetSpan(value.Length + 2);
            var table = _verbatimTable;
            into[0] = (byte)'"';
            int i = 0;
            for (; i < value.Length; i++)
            {
                char c = value[i];
                if (c >= table.Length || !table[c])
                {
                    break;
                }

                into[i + 1] = (byte)c;
            }

            if (i == value.Length)
            {
                into[i + 1] = (byte)'"';
                _length += value.Length + 2;
                return;
            }
        }
        else if (!value.AsSpan().ContainsAnyExcept(_verbatim))
        {
            var into = GetSpan(value.Length + 2);
            into[0] = (byte)'"';
            System.Text.Encoding.ASCII.GetBytes(value, into[1..]);
            into[value.Length + 1] = (byte)'"';
            _length += value.Length + 2;
            return;
        }

        Through(value, static (w, v) => w.WriteStringValue(v));
    }

    /// <summary>A property name and its colon.</summary>
    public void Name(string name)
    {
        String(name);
        Byte((byte)':');
    }

    public void Integer(long value)
    {
        Utf8Formatter.TryFormat(value, GetSpan(20), out int written);
        _length += written;
    }

    /// <summary>One JSON value as System.Text.Json's writer, set up with this buffer's options, writes it.</summary>
    public void Through<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(this, _options);
        }
        else
        {
            _writer.Reset(this);
        }

        write(_writer, value);
        _writer.Flush();
    }

    /// <summary>Buffers live as long as their thread; the writer holds nothing but managed memory.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
