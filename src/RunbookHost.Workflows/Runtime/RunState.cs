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

/// <summary>The engine's persisted view of one activity in one scope, while it matters to the flow.</summary>
/// <remarks>
/// An activity that completes inside a scope leaves <see cref="RunState.Activities"/>: the flow never
/// reads it again, and its completion is in the journal (which is what people see of it, see
/// <see cref="RunView"/>). So the state written with every commit holds what is in progress, not the
/// run's history. The root and joins stay (the run's end and a join that already fired are read from them).
/// </remarks>
internal sealed class ActivityState
{
    public required string NodeId { get; init; }

    public required string Type { get; init; }

    public required string Scope { get; init; }

    public ActivityStatus Status { get; set; }

    public List<string>? Outcomes { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The attempt running or next to run.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset? RetryAt { get; set; }

    public string? BookmarkId { get; set; }

    public string? IncidentId { get; set; }

    /// <summary>Inbound branches that arrived (joins), as "source:port".</summary>
    public List<string>? Arrived { get; set; }

    /// <summary>Child scopes still open (composites).</summary>
    public int OpenScopes { get; set; }

    /// <summary>The activity's own persisted state.</summary>
    public JsonObject? State { get; set; }

    public string? Error { get; set; }

    [JsonIgnore]
    public bool IsActive => Status is ActivityStatus.Executing or ActivityStatus.Suspended or ActivityStatus.RetryPending or ActivityStatus.Faulted;

    /// <summary>The JSON last written for this activity, with the values it was written from (see <see cref="RunStateWriter"/>).</summary>
    [JsonIgnore]
    internal WrittenActivity? Written { get; set; }
}

/// <summary>
/// An activity's JSON and the values it was written from. An activity that has not changed since is
/// written again from these bytes: the root and anything long-running are in every commit's state.
/// Only for activities without members that change in place (<see cref="ActivityState.Arrived"/>,
/// <see cref="ActivityState.State"/>); <see cref="ActivityState.Outcomes"/> is only ever replaced.
/// </summary>
internal sealed class WrittenActivity(ActivityState from, byte[] json)
{
    private readonly ActivityStatus _status = from.Status;
    private readonly List<string>? _outcomes = from.Outcomes;
    private readonly DateTimeOffset? _startedAt = from.StartedAt;
    private readonly DateTimeOffset? _completedAt = from.CompletedAt;
    private readonly int _attempt = from.Attempt;
    private readonly DateTimeOffset? _retryAt = from.RetryAt;
    private readonly string? _bookmarkId = from.BookmarkId;
    private readonly string? _incidentId = from.IncidentId;
    private readonly int _openScopes = from.OpenScopes;
    private readonly string? _error = from.Error;

    public byte[] Json { get; } = json;

    public static bool CanKeep(ActivityState activity) => activity.Arrived is null && activity.State is null;

    public bool Matches(ActivityState activity) =>
        CanKeep(activity)
        && activity.Status == _status
        && ReferenceEquals(activity.Outcomes, _outcomes)
        && activity.StartedAt == _startedAt
        && activity.CompletedAt == _completedAt
        && activity.Attempt == _attempt
        && activity.RetryAt == _retryAt
        && (object?)activity.BookmarkId == _bookmarkId
        && (object?)activity.IncidentId == _incidentId
        && activity.OpenScopes == _openScopes
        && (object?)activity.Error == _error;
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

    /// <summary>
    /// The JSON last written for a scope without locals: nothing else in a scope changes, so it is
    /// written again from these bytes (see <see cref="RunStateWriter"/>).
    /// </summary>
    [JsonIgnore]
    internal byte[]? Written { get; set; }
}

/// <summary>A token: an activity to run in a scope, and the branch it came along.</summary>
internal sealed record WorkItem(string Scope, string NodeId, string? From);

/// <summary>Everything the engine needs to continue a run, serialized with every commit.</summary>
internal sealed class RunState
{
    public Dictionary<string, ScopeState> Scopes { get; init; } = new(StringComparer.Ordinal);

    public List<WorkItem> Ready { get; init; } = [];

    /// <summary>The activities the flow still reads: in progress, waiting joins, the root, fired joins.</summary>
    public Dictionary<string, ActivityState> Activities { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Variables { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> Outputs { get; init; } = new(StringComparer.Ordinal);

    public string? CancelReason { get; set; }

    /// <summary>The state as JSON, in the shape <see cref="Deserialize"/> reads; written on every commit.</summary>
    public byte[] Serialize() => RunStateWriter.ToBytes(this);

    /// <summary>The state from its JSON, as <see cref="RunStateJson"/> reads it (see <see cref="RunStateReader"/>).</summary>
    public static RunState Deserialize(byte[] bytes) => RunStateReader.Read(bytes);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunState))]
internal sealed partial class RunStateJson : JsonSerializerContext;
