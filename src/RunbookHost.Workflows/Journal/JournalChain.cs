using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Journal;

/// <summary>Computes the hash chain of a journal and appends records to it.</summary>
public static class JournalChain
{
    /// <summary>The <c>prevHash</c> of a journal's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Journal times are kept to the microsecond, which every supported database stores exactly.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    public static JournalRecord Create(long seq, DateTimeOffset at, string kind, string? activityId, string? actor, string message, JsonObject? data, string prevHash)
    {
        at = Normalize(at);
        string hash = ComputeHash(seq, at, kind, activityId, actor, message, data, prevHash);
        return new JournalRecord(seq, at, kind, activityId, actor, message, data, hash, prevHash);
    }

    public static string ComputeHash(JournalRecord record) =>
        ComputeHash(record.Seq, record.At, record.Kind, record.ActivityId, record.Actor, record.Message, record.Data, record.PrevHash);

    private static string ComputeHash(long seq, DateTimeOffset at, string kind, string? activityId, string? actor, string message, JsonObject? data, string prevHash)
    {
        // One buffer and writer per thread, reset for each record: hashing is on every commit's path.
        var scratch = t_scratch ??= new Scratch();
        var buffer = scratch.Buffer;
        buffer.ResetWrittenCount();
        int written = System.Text.Encoding.UTF8.GetBytes(prevHash.AsSpan(), buffer.GetSpan(prevHash.Length * 3));
        buffer.Advance(written);
        var writer = scratch.Writer;

        // Keys in ordinal order, as canonical JSON requires. The fixed parts are written as bytes, and so
        // are strings the canonical rule leaves as they are (most); anything else goes through the writer.
        Raw(buffer, "{\"activityId\":"u8);
        WriteString(buffer, writer, activityId);
        Raw(buffer, ",\"actor\":"u8);
        WriteString(buffer, writer, actor);
        Raw(buffer, ",\"at\":\""u8);
        FormatTime(at.UtcDateTime, buffer.GetSpan(TimeLength));
        buffer.Advance(TimeLength);
        Raw(buffer, "\",\"data\":"u8);
        writer.Reset(buffer);
        CanonicalJson.Write(writer, data);
        writer.Flush();
        Raw(buffer, ",\"kind\":"u8);
        WriteString(buffer, writer, kind);
        Raw(buffer, ",\"message\":"u8);
        WriteString(buffer, writer, message);
        Raw(buffer, ",\"prevHash\":"u8);
        WriteString(buffer, writer, prevHash);
        Raw(buffer, ",\"seq\":"u8);
        Utf8Formatter.TryFormat(seq, buffer.GetSpan(20), out int digits);
        buffer.Advance(digits);
        Raw(buffer, "}"u8);

        Span<byte> hash = stackalloc byte[Sha256.Size];
        Sha256.Hash(buffer.WrittenSpan, hash);
        if (buffer.Capacity > MaxRetainedBuffer)
        {
            t_scratch = null; // a huge record: do not keep its buffer alive on this thread
        }

        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Printable ASCII that the canonical rule writes unescaped; found from the rule itself.</summary>
    private static readonly SearchValues<char> Verbatim = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => CanonicalJson.WritesVerbatim(c))]);

    private static void Raw(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);

    /// <summary>A JSON string as the canonical writer would write it.</summary>
    private static void WriteString(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            Raw(buffer, "null"u8);
            return;
        }

        if (!value.AsSpan().ContainsAnyExcept(Verbatim))
        {
            var into = buffer.GetSpan(value.Length + 2);
            into[0] = (byte)'"';
            System.Text.Encoding.ASCII.GetBytes(value, into[1..]);
            into[value.Length + 1] = (byte)'"';
            buffer.Advance(value.Length + 2);
            return;
        }

        writer.Reset(buffer);
        writer.WriteStringValue(value);
        writer.Flush();
    }

    private const int TimeLength = 27; // yyyy-MM-ddTHH:mm:ss.ffffffZ
    private const int MaxRetainedBuffer = 64 * 1024;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; } = CanonicalJson.CreateWriter(new ArrayBufferWriter<byte>(1));
    }

    /// <summary>Writes the time as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (UTF-8, invariant digits).</summary>
    private static void FormatTime(DateTime utc, Span<byte> into)
    {
        Digits(into[..4], utc.Year);
        into[4] = (byte)'-';
        Digits(into.Slice(5, 2), utc.Month);
        into[7] = (byte)'-';
        Digits(into.Slice(8, 2), utc.Day);
        into[10] = (byte)'T';
        Digits(into.Slice(11, 2), utc.Hour);
        into[13] = (byte)':';
        Digits(into.Slice(14, 2), utc.Minute);
        into[16] = (byte)':';
        Digits(into.Slice(17, 2), utc.Second);
        into[19] = (byte)'.';
        Digits(into.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10));
        into[26] = (byte)'Z';
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (int i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}

/// <summary>The outcome of verifying a journal's hash chain.</summary>
/// <param name="Valid">Whether every record's hash and link are right.</param>
/// <param name="Records">How many records were checked.</param>
/// <param name="FirstBadSeq">The first record that fails, when any.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record JournalVerification(bool Valid, int Records, long? FirstBadSeq = null, string? Problem = null);

/// <summary>Verifies a journal: sequence without gaps, each link to the previous hash, each hash recomputed.</summary>
public static class JournalVerifier
{
    /// <summary>
    /// Verifies the chain; given the run's recorded head (last seq and hash), also detects records
    /// removed from the end, which the chain alone cannot show.
    /// </summary>
    public static JournalVerification Verify(IReadOnlyList<JournalRecord> records, long? headSeq = null, string? headHash = null)
    {
        string prev = JournalChain.Genesis;
        long expectedSeq = 1;
        foreach (var record in records)
        {
            if (record.Seq != expectedSeq)
            {
                return new(false, records.Count, record.Seq, $"Record {record.Seq} follows record {expectedSeq - 1}: records are missing or out of order.");
            }

            if (record.PrevHash != prev)
            {
                return new(false, records.Count, record.Seq, $"Record {record.Seq} does not link to the hash of record {record.Seq - 1}.");
            }

            if (JournalChain.ComputeHash(record) != record.Hash)
            {
                return new(false, records.Count, record.Seq, $"Record {record.Seq} ({record.Kind}) was altered: its content does not match its hash.");
            }

            prev = record.Hash;
            expectedSeq++;
        }

        if (headSeq is { } seq && (seq != expectedSeq - 1 || (headHash is not null && headHash != prev)))
        {
            return new(false, records.Count, Math.Min(seq, expectedSeq), $"The run records {seq} journal records ending in {headHash?[..12]}..., but the journal holds {expectedSeq - 1}: records were removed or replaced.");
        }

        return new(true, records.Count);
    }
}
