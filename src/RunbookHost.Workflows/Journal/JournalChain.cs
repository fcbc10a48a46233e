using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
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
        var buffer = new ArrayBufferWriter<byte>(512);
        System.Text.Encoding.UTF8.GetBytes(prevHash.AsSpan(), buffer.GetSpan(prevHash.Length));
        buffer.Advance(prevHash.Length);
        using (var writer = CanonicalJson.CreateWriter(buffer))
        {
            // Keys in ordinal order, as canonical JSON requires.
            writer.WriteStartObject();
            writer.WriteString("activityId", activityId);
            writer.WriteString("actor", actor);
            writer.WriteString("at", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            CanonicalJson.Write(writer, data);
            writer.WriteString("kind", kind);
            writer.WriteString("message", message);
            writer.WriteString("prevHash", prevHash);
            writer.WriteNumber("seq", seq);
            writer.WriteEndObject();
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
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
