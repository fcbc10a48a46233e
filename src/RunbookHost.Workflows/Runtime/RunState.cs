using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Where one activity execution stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityStatus>))]
internal enum ActivityStatus
{
    /// <summary>A join waiting for more inbound branches.</summary>
    Waiting,

    /// <summary>Running (for side effects: intent committed, no result yet).</summary>
    Executing,

    Suspended,

    RetryPending,

    /// <summary>Stopped on an open incident.</summary>
    Faulted,

    Completed,

    Cancelled,
}

/// <summary>The engine's persisted view of one activity in one scope.</summary>
/// <remarks>
/// Every setter counts a change, so that the serialized form of a completed activity can be kept
/// and written again on later commits without serializing it anew (see <see cref="RunState.Serialize"/>).
/// </remarks>
internal sealed class ActivityState
{
    private byte[]? _frozen;
    private int _frozenAt = -1;
    private int _changes;

    public required string NodeId { get; init; }

    public required string Type { get; init; }

    public required string Scope { get; init; }

    public ActivityStatus Status
    {
        get => _status;
        set
        {
            _status = value;
            _changes++;
        }
    }

    public List<string>? Outcomes
    {
        get => _outcomes;
        set
        {
            _outcomes = value;
            _changes++;
        }
    }

    public DateTimeOffset? StartedAt
    {
        get => _startedAt;
        set
        {
            _startedAt = value;
            _changes++;
        }
    }

    public DateTimeOffset? CompletedAt
    {
        get => _completedAt;
        set
        {
            _completedAt = value;
            _changes++;
        }
    }

    /// <summary>The attempt running or next to run.</summary>
    public int Attempt
    {
        get => _attempt;
        set
        {
            _attempt = value;
            _changes++;
        }
    }

    public DateTimeOffset? RetryAt
    {
        get => _retryAt;
        set
        {
            _retryAt = value;
            _changes++;
        }
    }

    public string? BookmarkId
    {
        get => _bookmarkId;
        set
        {
            _bookmarkId = value;
            _changes++;
        }
    }

    public string? IncidentId
    {
        get => _incidentId;
        set
        {
            _incidentId = value;
            _changes++;
        }
    }

    /// <summary>Inbound branches that arrived (joins), as "source:port".</summary>
    public List<string>? Arrived
    {
        get => _arrived;
        set
        {
            _arrived = value;
            _changes++;
        }
    }

    /// <summary>Child scopes still open (composites).</summary>
    public int OpenScopes
    {
        get => _openScopes;
        set
        {
            _openScopes = value;
            _changes++;
        }
    }

    /// <summary>The activity's own persisted state.</summary>
    public JsonObject? State
    {
        get => _state;
        set
        {
            _state = value;
            _changes++;
        }
    }

    public string? Error
    {
        get => _error;
        set
        {
            _error = value;
            _changes++;
        }
    }

    [JsonIgnore]
    public bool IsActive => Status is ActivityStatus.Executing or ActivityStatus.Suspended or ActivityStatus.RetryPending or ActivityStatus.Faulted;

    private ActivityStatus _status;

    private List<string>? _outcomes;

    private DateTimeOffset? _startedAt;

    private DateTimeOffset? _completedAt;

    private int _attempt;

    private DateTimeOffset? _retryAt;

    private string? _bookmarkId;

    private string? _incidentId;

    private List<string>? _arrived;

    private int _openScopes;

    private JsonObject? _state;

    private string? _error;

    /// <summary>
    /// This activity as JSON: kept once it completed (a completed activity no longer changes; if a
    /// setter runs anyway, the copy is made again), serialized afresh while it is still in progress.
    /// </summary>
    internal ReadOnlySpan<byte> Serialized(Func<ActivityState, byte[]> serialize)
    {
        if (_frozen is not null && _frozenAt == _changes)
        {
            return _frozen;
        }

        byte[] bytes = serialize(this);
        if (_status == ActivityStatus.Completed)
        {
            _frozen = bytes;
            _frozenAt = _changes;
        }

        return bytes;
    }
}

/// <summary>A child scope opened by a composite: a flowchart's run, or one ForEach iteration.</summary>
internal sealed class ScopeState
{
    public required string Id { get; init; }

    public required string Parent { get; init; }

    /// <summary>The path of the composite that opened it.</summary>
    public required string OwnerPath { get; init; }

    public required int Index { get; init; }

    public Dictionary<string, JsonNode?> Locals { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>A token: an activity to run in a scope, and the branch it came along.</summary>
internal sealed record WorkItem(string Scope, string NodeId, string? From);

/// <summary>Everything the engine needs to continue a run, serialized with every commit.</summary>
internal sealed class RunState
{
    public Dictionary<string, ScopeState> Scopes { get; init; } = new(StringComparer.Ordinal);

    public List<WorkItem> Ready { get; init; } = [];

    public Dictionary<string, ActivityState> Activities { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Variables { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> Outputs { get; init; } = new(StringComparer.Ordinal);

    public string? CancelReason { get; set; }

    /// <summary>
    /// The state as JSON, in the shape <see cref="Deserialize"/> reads. Written on every commit, so
    /// completed activities (most of a long run) are copied from their kept JSON instead of
    /// serialized again, and the buffer and writer are reused per thread.
    /// </summary>
    public byte[] Serialize()
    {
        var scratch = t_scratch ??= new Scratch();
        var buffer = scratch.Buffer;
        buffer.ResetWrittenCount();
        var writer = scratch.Writer;
        writer.Reset(buffer);
        var types = RunStateJson.Default;

        writer.WriteStartObject();
        writer.WritePropertyName("scopes"u8);
        JsonSerializer.Serialize(writer, Scopes, types.DictionaryStringScopeState);
        writer.WritePropertyName("ready"u8);
        JsonSerializer.Serialize(writer, Ready, types.ListWorkItem);
        writer.WritePropertyName("activities"u8);
        writer.WriteStartObject();
        foreach (var (path, activity) in Activities)
        {
            writer.WritePropertyName(path);
            writer.WriteRawValue(activity.Serialized(SerializeActivity), skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("variables"u8);
        JsonSerializer.Serialize(writer, Variables, types.DictionaryStringJsonNode);
        writer.WritePropertyName("outputs"u8);
        JsonSerializer.Serialize(writer, Outputs, types.DictionaryStringJsonObject);
        if (CancelReason is not null)
        {
            writer.WriteString("cancelReason"u8, CancelReason);
        }

        writer.WriteEndObject();
        writer.Flush();
        byte[] bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedBuffer)
        {
            t_scratch = null;
        }

        return bytes;
    }

    private static readonly Func<ActivityState, byte[]> SerializeActivity =
        activity => JsonSerializer.SerializeToUtf8Bytes(activity, RunStateJson.Default.ActivityState);

    private const int MaxRetainedBuffer = 256 * 1024;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

        public Utf8JsonWriter Writer { get; } = new(new ArrayBufferWriter<byte>(1), new JsonWriterOptions { SkipValidation = true, Encoder = RunStateJson.Default.Options.Encoder });
    }

    public static RunState Deserialize(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, RunStateJson.Default.RunState) ?? throw new InvalidOperationException("A run's state is empty.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunState))]
internal sealed partial class RunStateJson : JsonSerializerContext;
