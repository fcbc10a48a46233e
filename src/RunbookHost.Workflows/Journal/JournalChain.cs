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
        string hash = ComputeHash(seq, at, kind, activityId, actor, message, new NodeData(data), prevHash, keepData: false, out _);
        return new JournalRecord(seq, at, kind, activityId, actor, message, data, hash, prevHash);
    }

    /// <summary>
    /// A record whose data is written straight as canonical JSON by <paramref name="data"/>; the record
    /// builds its <see cref="JournalRecord.Data"/> from that JSON only when it is read.
    /// </summary>
    internal static JournalRecord Create<TData>(long seq, DateTimeOffset at, string kind, string? activityId, string? actor, string message, in TData data, string prevHash)
        where TData : struct, ICanonicalData
    {
        at = Normalize(at);
        string hash = ComputeHash(seq, at, kind, activityId, actor, message, data, prevHash, keepData: true, out byte[]? canonicalData);
        return new JournalRecord(seq, at, kind, activityId, actor, message, canonicalData!, hash, prevHash);
    }

    public static string ComputeHash(JournalRecord record) =>
        record.UnreadCanonicalData is { } canonical
            ? ComputeHash(record.Seq, record.At, record.Kind, record.ActivityId, record.Actor, record.Message, new RawData(canonical), record.PrevHash, keepData: false, out _)
            : ComputeHash(record.Seq, record.At, record.Kind, record.ActivityId, record.Actor, record.Message, new NodeData(record.Data), record.PrevHash, keepData: false, out _);

    /// <summary>Hashes the record; with <paramref name="keepData"/>, its data's canonical JSON comes out too.</summary>
    private static string ComputeHash<TData>(long seq, DateTimeOffset at, string kind, string? activityId, string? actor, string message, in TData data, string prevHash, bool keepData, out byte[]? canonicalData)
        where TData : struct, ICanonicalData
    {
        // One buffer per thread, reset for each record: hashing is on every commit's path. Keys in
        // ordinal order, as canonical JSON requires.
        var scratch = t_scratch ??= new Scratch();
        var writer = scratch.Writer;
        writer.Reset();
        writer.Advance(System.Text.Encoding.UTF8.GetBytes(prevHash.AsSpan(), writer.GetSpan(prevHash.Length * 3)));
        writer.Raw("{\"activityId\":"u8);
        writer.String(activityId);
        writer.Raw(",\"actor\":"u8);
        writer.String(actor);
        writer.Raw(",\"at\":\""u8);
        scratch.Time.Format(at.UtcDateTime, writer.GetSpan(TimeLength));
        writer.Advance(TimeLength);
        writer.Raw("\",\"data\":"u8);
        int dataStart = writer.Written.Length;
        data.Write(writer);
        canonicalData = keepData ? writer.Written[dataStart..].ToArray() : null;
        writer.Raw(",\"kind\":"u8);
        writer.String(kind);
        writer.Raw(",\"message\":"u8);
        writer.String(message);
        writer.Raw(",\"prevHash\":"u8);
        writer.String(prevHash);
        writer.Raw(",\"seq\":"u8);
        writer.Integer(seq);
        writer.Raw("}"u8);

        Span<byte> hash = stackalloc byte[Sha256.Size];
        Sha256.Hash(writer.Written, hash);
        if (writer.Capacity > MaxRetainedBuffer)
        {
            t_scratch = null; // a huge record: do not keep its buffer alive on this thread
        }

        return Convert.ToHexStringLower(hash);
    }

    private readonly struct NodeData(JsonObject? data) : ICanonicalData
    {
        public void Write(CanonicalWriter writer) => writer.Node(data);
    }

    private readonly struct RawData(byte[] canonical) : ICanonicalData
    {
        public void Write(CanonicalWriter writer) => writer.Raw(canonical);
    }

    private const int TimeLength = 27; // yyyy-MM-ddTHH:mm:ss.ffffffZ
    private const int MaxRetainedBuffer = 64 * 1024;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>What hashing keeps per thread: the buffer records are written into, and the time format's cache.</summary>
    private sealed class Scratch
    {
        public CanonicalWriter Writer { get; } = new(1024);

        public TimeFormat Time { get; } = new();
    }

    /// <summary>
    /// Writes times as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (UTF-8, invariant digits). A run's records
    /// mostly fall within one second: the part up to the second is formatted once a second and kept.
    /// </summary>
    private sealed class TimeFormat
    {
        private const int SecondLength = 20; // yyyy-MM-ddTHH:mm:ss.
        private readonly byte[] _second = new byte[SecondLength];
        private long _secondTicks = -1;

        public void Format(DateTime utc, Span<byte> into)
        {
            long second = utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond);
            if (second != _secondTicks)
            {
                // The round-trip format writes seven fraction digits and the Z; only its date and time are kept.
                Span<byte> roundTrip = stackalloc byte[32];
                if (!Utf8Formatter.TryFormat(utc, roundTrip, out int written, new StandardFormat('O')) || written != TimeLength + 1)
                {
                    throw new FormatException($"Cannot write the journal time {utc:O}.");
                }

                roundTrip[..SecondLength].CopyTo(_second);
                _secondTicks = second;
            }

            _second.CopyTo(into);
            Utf8Formatter.TryFormat((int)((utc.Ticks - second) / 10), into[SecondLength..], out _, new StandardFormat('D', 6));
            into[TimeLength - 1] = (byte)'Z';
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
