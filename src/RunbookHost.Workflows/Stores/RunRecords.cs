using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunbookHost.Workflows.Journal;

namespace RunbookHost.Workflows.Stores;

/// <summary>Where a run stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Has work to do now (or a retry pending).</summary>
    Running,

    /// <summary>Waiting for people or timers.</summary>
    Suspended,

    /// <summary>Stopped on an incident an operator must resolve, or ended by Fail / abort (then FinishedAt is set).</summary>
    Faulted,

    Completed,

    Cancelled,
}

/// <summary>The persisted run: header, execution state and the tip of its journal.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    public required string DefinitionId { get; init; }

    public required int DefinitionVersion { get; init; }

    public required RunStatus Status { get; init; }

    public required string StartedBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required JsonObject Input { get; init; }

    /// <summary>Optimistic concurrency: 1 when created, +1 on every commit.</summary>
    public required long Version { get; init; }

    public required long LastSeq { get; init; }

    public required string LastHash { get; init; }

    /// <summary>The engine's execution state (tokens, scopes, variables, outputs), as UTF-8 JSON.</summary>
    public required byte[] State { get; init; }

    /// <summary>Why the run faulted, when it did.</summary>
    public string? Fault { get; init; }

    public bool IsFinished => FinishedAt is not null;
}

/// <summary>A point where a run waits: a person (Approval, ManualStep), a timer (Delay) or a polling interval.</summary>
public sealed record Bookmark
{
    public required string BookmarkId { get; init; }

    public required string RunId { get; init; }

    /// <summary>The waiting activity's path in the run.</summary>
    public required string ActivityPath { get; init; }

    public required string ActivityId { get; init; }

    public required string Name { get; init; }

    /// <summary>SHA-256 of name and stimulus, for look-up by what resumes it.</summary>
    public required string Hash { get; init; }

    public required JsonObject Payload { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a durable timer resumes it by itself.</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>Set when the bookmark has been resumed and applied.</summary>
    public DateTimeOffset? ConsumedAt { get; init; }
}

/// <summary>What kind of problem stopped an activity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentKind>))]
public enum IncidentKind
{
    /// <summary>The activity failed and its retries are exhausted.</summary>
    Fault,

    /// <summary>The host stopped while a non-idempotent command was running: it may have run.</summary>
    InDoubt,
}

/// <summary>How an operator resolved an incident.</summary>
public sealed record IncidentResolution(string Action, string? Outcome, string Comment, string ResolvedBy, DateTimeOffset ResolvedAt);

/// <summary>A stop an operator must resolve by retry, skip (choosing an outcome) or abort.</summary>
public sealed record Incident
{
    public required string IncidentId { get; init; }

    public required string RunId { get; init; }

    public required string ActivityPath { get; init; }

    public required string ActivityId { get; init; }

    public required IncidentKind Kind { get; init; }

    public required string Message { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public int Attempts { get; init; }

    public IncidentResolution? Resolution { get; init; }

    public bool IsOpen => Resolution is null;
}

/// <summary>The kinds of stimulus sent to a run's durable inbox.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SignalKind>))]
public enum SignalKind
{
    Resume,
    Cancel,
    ResolveIncident,
}

/// <summary>A stimulus queued durably for a run; applied after the run's current step commits.</summary>
public sealed record RunSignal
{
    public required string SignalId { get; init; }

    public required string RunId { get; init; }

    public required SignalKind Kind { get; init; }

    public string? BookmarkId { get; init; }

    public string? IncidentId { get; init; }

    public required JsonObject Payload { get; init; }

    public required string Actor { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Whether a bookmark's own timer sent it.</summary>
    public bool ByTimer { get; init; }

    /// <summary>The signal a bookmark's due timer sends; its id derives from the bookmark so it is sent once.</summary>
    public static RunSignal ForTimer(Bookmark bookmark, DateTimeOffset now) => new()
    {
        SignalId = "timer-" + bookmark.BookmarkId,
        RunId = bookmark.RunId,
        Kind = SignalKind.Resume,
        BookmarkId = bookmark.BookmarkId,
        Payload = [],
        Actor = "system",
        At = now,
        ByTimer = true,
    };
}

/// <summary>What happened to a queued signal.</summary>
public enum SignalResult
{
    Accepted,

    /// <summary>The target was already decided: bookmark resumed, incident resolved, run finished.</summary>
    Conflict,

    NotFound,
}

/// <summary>
/// Everything one engine step changes, committed atomically: the run row (its version must be
/// <c>Run.Version - 1</c> in the store), new journal records, bookmark changes, incidents and the
/// inbox signals it consumed.
/// </summary>
public sealed record RunCommit
{
    public required RunRecord Run { get; init; }

    public IReadOnlyList<JournalRecord> Journal { get; init; } = [];

    public IReadOnlyList<Bookmark> AddBookmarks { get; init; } = [];

    /// <summary>Bookmarks resumed (kept as history, marked consumed).</summary>
    public IReadOnlyList<string> ConsumeBookmarks { get; init; } = [];

    public IReadOnlyList<Incident> UpsertIncidents { get; init; } = [];

    public IReadOnlyList<string> ConsumeSignals { get; init; } = [];

    /// <summary>
    /// The lease the commit is made under. Creating a run (<c>Run.Version</c> 1), the run is stored leased
    /// to <c>Lease.Owner</c> until <c>Lease.Until</c>; updating one, the commit applies only while
    /// <c>Lease.Owner</c> holds the run's lease (otherwise <see cref="RunConcurrencyException"/>, nothing
    /// written) and leaves the lease's expiry as it is. Null: no lease is checked or changed.
    /// </summary>
    public RunLease? Lease { get; init; }

    /// <summary>With <see cref="Lease"/>: frees the lease in the same transaction (the owner's last commit).</summary>
    public bool ReleaseLease { get; init; }

    /// <summary>
    /// The run's status as last committed, when the committer knows it (null: not known). A commit applies
    /// only over the version it follows, which had this status, so a store may leave an unchanged status unwritten.
    /// </summary>
    public RunStatus? PreviousStatus { get; init; }
}

/// <summary>A host's hold on a run: only the owner executes it until the lease is released or expires.</summary>
public sealed record RunLease(string Owner, DateTimeOffset Until);

/// <summary>Filter and page for listing runs.</summary>
public sealed record RunQuery(RunStatus? Status = null, string? DefinitionId = null, int Skip = 0, int Take = 50);

/// <summary>A page of runs and the total matching the filter.</summary>
public sealed record RunPage(IReadOnlyList<RunRecord> Items, int Total);

/// <summary>Filter for bookmarks.</summary>
/// <param name="RunId">Only this run's.</param>
/// <param name="Names">Only these bookmark names (e.g. Approval, ManualStep).</param>
/// <param name="Hash">Only bookmarks with this name+stimulus hash.</param>
/// <param name="PendingOnly">Only bookmarks not yet resumed and with no resume queued.</param>
public sealed record BookmarkQuery(string? RunId = null, IReadOnlyList<string>? Names = null, string? Hash = null, bool PendingOnly = true);

/// <summary>Filter and keyset page for the pending human gates (the approvals inbox).</summary>
/// <param name="Names">The bookmark names that are gates (e.g. Approval, ManualStep).</param>
/// <param name="RunId">Only this run's.</param>
/// <param name="Take">At most this many; null for all.</param>
/// <param name="After">Only gates after this one in the list's order (requested time, then id).</param>
public sealed record PendingGateQuery(IReadOnlyList<string> Names, string? RunId = null, int? Take = null, GateCursor? After = null);

/// <summary>A position in the pending gates' order: the gate's creation time and bookmark id.</summary>
public sealed record GateCursor(DateTimeOffset CreatedAt, string BookmarkId);

/// <summary>A commit lost a race: the run changed since it was read. Reload and retry.</summary>
public sealed class RunConcurrencyException(string runId, long expectedVersion)
    : Exception($"Run {runId} changed since version {expectedVersion} was read.")
{
    public string RunId { get; } = runId;
}
