using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Journal;

/// <summary>
/// One append-only record of a run's journal. <c>hash = SHA-256(prevHash || canonical JSON of
/// the record without hash)</c>, so any edit breaks the chain from that record on.
/// </summary>
/// <remarks>
/// The engine makes some records (an activity's completion) from the canonical JSON of their data,
/// which it hashes anyway: <see cref="Data"/> is then built from that JSON when first read, and
/// <see cref="GetDataJson"/> gives the text without building it.
/// </remarks>
public sealed record JournalRecord(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? ActivityId,
    string? Actor,
    string Message,
    JsonObject? Data,
    string Hash,
    string PrevHash)
{
    private JsonObject? _data = Data;

    /// <summary>The canonical JSON of the data while <see cref="_data"/> is not built; null otherwise.</summary>
    private readonly byte[]? _canonicalData;

    internal JournalRecord(long seq, DateTimeOffset at, string kind, string? activityId, string? actor, string message, byte[] canonicalData, string hash, string prevHash)
        : this(seq, at, kind, activityId, actor, message, (JsonObject?)null, hash, prevHash)
    {
        _canonicalData = canonicalData;
    }

    public JsonObject? Data
    {
        get
        {
            if (_data is null && _canonicalData is { } json)
            {
                Interlocked.CompareExchange(ref _data, JsonNode.Parse(json)!.AsObject(), null);
            }

            return _data;
        }

        init
        {
            _data = value;
            _canonicalData = null;
        }
    }

    /// <summary>The data as JSON text (null without data), for storing the record.</summary>
    public string? GetDataJson() => UnreadCanonicalData is { } json ? System.Text.Encoding.UTF8.GetString(json) : _data?.ToJsonString();

    /// <summary>
    /// The canonical JSON the record was made from while nobody has read <see cref="Data"/> (null
    /// otherwise): once built, the object is what counts, as for any other record.
    /// </summary>
    internal byte[]? UnreadCanonicalData => _data is null ? _canonicalData : null;
}


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
