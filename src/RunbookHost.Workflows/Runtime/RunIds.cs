using System.Buffers.Binary;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// Run ids: UUID version 7 (the start time's Unix milliseconds, then random bits) as 32 hex digits, so
/// ids sort by start time. The random bits come from <see cref="Random.Shared"/> rather than the
/// operating system's secure generator, which costs a system call per id: a run id identifies a run
/// and is not a secret (every API call is authenticated), and 74 random bits per millisecond keep ids
/// from colliding across hosts.
/// </summary>
internal static class RunIds
{
    public static string New(DateTimeOffset startedAt)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        long milliseconds = startedAt.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(milliseconds >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)milliseconds);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true).ToString("N");
    }
}
