using System.Buffers;

namespace RunbookHost.Server.Api;

/// <summary>
/// A 200 JSON response written in full before any of it is sent, so that a failure while writing it (the
/// database, a bad row) is still a clean error response. Held in chunks of 64 KiB: no buffer on the large
/// object heap and no copying as it grows, however long the list. The chunks are not pooled: a pool would
/// keep up to dozens of them per core after a long list; these are young garbage once the response is sent.
/// </summary>
internal sealed class JsonBody : IBufferWriter<byte>, IResult
{
    private const int ChunkBytes = 64 * 1024;

    private readonly List<(byte[] Chunk, int Length)> _full = [];
    private byte[] _current = [];
    private int _used;

    /// <summary>The bytes written so far.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Length - _used);
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _current.AsSpan(_used);
    }

    /// <summary>Room for <paramref name="sizeHint"/> bytes (at least one) in the current chunk, or a new chunk.</summary>
    private void Reserve(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        if (_current.Length - _used >= Math.Max(sizeHint, 1))
        {
            return;
        }

        if (_used > 0)
        {
            _full.Add((_current, _used));
        }

        _current = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkBytes, sizeHint));
        _used = 0;
    }

    /// <summary>The chunks written, in order.</summary>
    private IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        foreach (var (chunk, length) in _full)
        {
            yield return chunk.AsMemory(0, length);
        }

        if (_used > 0)
        {
            yield return _current.AsMemory(0, _used);
        }
    }

    /// <summary>A copy of the bytes written (for tests and benchmarks).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        int at = 0;
        foreach (var chunk in Chunks())
        {
            chunk.Span.CopyTo(bytes.AsSpan(at));
            at += chunk.Length;
        }

        return bytes;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = Length;
        foreach (var chunk in Chunks())
        {
            await response.Body.WriteAsync(chunk, httpContext.RequestAborted);
        }
    }
}
