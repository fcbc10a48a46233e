using System.Buffers;
using System.Text;
using System.Text.Json;

namespace RunbookHost.Workflows.Stores;

/// <summary>
/// Hands gates held as objects (a <see cref="Bookmark"/> and its run's workflow and starter) to a
/// <see cref="PendingGateVisitor"/> as UTF-8, through one buffer reused from gate to gate: for stores that
/// keep objects or strings, and for callers that already hold the bookmark. Not thread-safe.
/// </summary>
public sealed class PendingGateEncoder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter? _json;

    /// <summary>Encodes <paramref name="gate"/> and calls <paramref name="visit"/> with it.</summary>
    public void Visit(Bookmark gate, string definitionId, string startedBy, PendingGateVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(visit);
        _buffer.ResetWrittenCount();
        var bookmarkId = Append(gate.BookmarkId);
        var runId = Append(gate.RunId);
        var activityId = Append(gate.ActivityId);
        var name = Append(gate.Name);
        var definition = Append(definitionId);
        var starter = Append(startedBy);
        int payloadStart = _buffer.WrittenCount;
        _json ??= new Utf8JsonWriter(_buffer);
        _json.Reset(_buffer);
        gate.Payload.WriteTo(_json);
        _json.Flush();
        var payload = new Range(payloadStart, _buffer.WrittenCount);

        // Sliced only now: the buffer may have moved while it grew.
        var written = _buffer.WrittenSpan;
        visit(new PendingGateRow
        {
            BookmarkId = written[bookmarkId],
            RunId = written[runId],
            ActivityId = written[activityId],
            Name = written[name],
            Payload = written[payload],
            CreatedAt = gate.CreatedAt,
            ResumeAt = gate.ResumeAt,
            DefinitionId = written[definition],
            StartedBy = written[starter],
        });
    }

    private Range Append(string text)
    {
        int start = _buffer.WrittenCount;
        _buffer.Advance(Encoding.UTF8.GetBytes(text, _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
        return new Range(start, _buffer.WrittenCount);
    }
}
