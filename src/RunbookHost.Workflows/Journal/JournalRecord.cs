using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Journal;

/// <summary>
/// One append-only record of a run's journal. <c>hash = SHA-256(prevHash || canonical JSON of
/// the record without hash)</c>, so any edit breaks the chain from that record on.
/// </summary>
public sealed record JournalRecord(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? ActivityId,
    string? Actor,
    string Message,
    JsonObject? Data,
    string Hash,
    string PrevHash);

/// <summary>The journal kinds the engine writes; activities may add their own (e.g. CommandExecuted).</summary>
public static class JournalKinds
{
    public const string RunStarted = "RunStarted";
    public const string ActivityStarted = "ActivityStarted";
    public const string ActivityCompleted = "ActivityCompleted";
    public const string ActivityFaulted = "ActivityFaulted";
    public const string ActivityReconciled = "ActivityReconciled";
    public const string RetryScheduled = "RetryScheduled";
    public const string CommandExecuted = "CommandExecuted";
    public const string BookmarkCreated = "BookmarkCreated";
    public const string ApprovalRequested = "ApprovalRequested";
    public const string ApprovalGranted = "ApprovalGranted";
    public const string ApprovalRejected = "ApprovalRejected";
    public const string ApprovalExpired = "ApprovalExpired";
    public const string ManualStepRequested = "ManualStepRequested";
    public const string ManualStepConfirmed = "ManualStepConfirmed";
    public const string IncidentOpened = "IncidentOpened";
    public const string IncidentResolved = "IncidentResolved";
    public const string VariableSet = "VariableSet";
    public const string RunSuspended = "RunSuspended";
    public const string RunResumed = "RunResumed";
    public const string RunRecovered = "RunRecovered";
    public const string RunCompleted = "RunCompleted";
    public const string RunFaulted = "RunFaulted";
    public const string RunCancelled = "RunCancelled";
    public const string CancelRequested = "CancelRequested";
}
