namespace RunbookHost.Workflows.Stores;

/// <summary>
/// Runs with their journal, bookmarks, incidents and inbox. Every change to a run goes through
/// <see cref="CommitAsync"/>, which a SQL store implements as one transaction.
/// </summary>
public interface IRunStore
{
    /// <summary>Applies a commit atomically; creates the run when <c>Run.Version</c> is 1.</summary>
    /// <exception cref="RunConcurrencyException">The stored version is not <c>Run.Version - 1</c>.</exception>
    Task CommitAsync(RunCommit commit, CancellationToken cancellationToken);

    Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken);

    Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>The run's journal records with <c>seq</c> greater than <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<Journal.JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken);

    /// <summary>
    /// The run's journal records of the given kinds, in order: what a view of the run needs without reading every
    /// command and its output. Stores that can filter where the records are kept override it.
    /// </summary>
    async Task<IReadOnlyList<Journal.JournalRecord>> GetJournalOfKindsAsync(string runId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken) =>
        [.. (await GetJournalAsync(runId, 0, cancellationToken)).Where(r => kinds.Contains(r.Kind))];

    Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the pending bookmarks named in <paramref name="query"/> (not resumed, no resume queued) with their
    /// run's workflow and starter, in order of creation then id, from one query, and hands each to
    /// <paramref name="visit"/> as it is read, as UTF-8 (no strings, no list): the approvals inbox writes its
    /// JSON from them. Returns how many it read.
    /// </summary>
    Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken);

    Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a stimulus durably. A bookmark accepts one resume and an incident one resolution
    /// (the rest get <see cref="SignalResult.Conflict"/>), so exactly one of two racing deciders wins.
    /// </summary>
    Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Queues a timer resume for every pending bookmark whose time has come; returns the runs touched.</summary>
    Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Runs with work to do (status Running, or signals queued) and no live lease.</summary>
    Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>The earliest time a pending bookmark's timer is due, if any.</summary>
    Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken);

    /// <summary>Takes the run's lease when it is free or expired; true when this owner now holds it.</summary>
    Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the run's lease as <see cref="TryAcquireLeaseAsync"/> does and returns the run as it stands under
    /// the lease, with whether signals were queued for it then; null when the lease is not this owner's to take
    /// or the run does not exist. An execution starts from this. Stores that can do it in one round trip
    /// override it; this default says signals may be waiting, so the execution reads them.
    /// </summary>
    async Task<AcquiredRun?> AcquireAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        await TryAcquireLeaseAsync(runId, owner, now, until, cancellationToken) && await GetAsync(runId, cancellationToken) is { } run
            ? new AcquiredRun(run, SignalsWaiting: true)
            : null;

    /// <summary>Extends a lease this owner holds; false when it lost it.</summary>
    Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken);
}
