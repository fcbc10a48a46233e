using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Stores.InMemory;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>
/// The default <see cref="InMemoryRunStore"/>, which the benchmark can swap for an empty one between
/// measurements. That store keeps every finished run, and a heap that grows without end would charge
/// ever longer garbage collections to later measurements (WorkflowCore's finished instances are
/// purged likewise). Swapping the store rather than the engine keeps the same service provider, so
/// no new code is compiled after warm-up.
/// </summary>
internal sealed class EmptiableRunStore : IRunStore
{
    private InMemoryRunStore _store = new();

    /// <summary>Forgets every run; call it only while no run executes.</summary>
    public void Empty() => _store = new InMemoryRunStore();

    public Task CommitAsync(RunCommit commit, CancellationToken cancellationToken) => _store.CommitAsync(commit, cancellationToken);

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => _store.GetAsync(runId, cancellationToken);

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => _store.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken) =>
        _store.GetJournalAsync(runId, afterSeq, cancellationToken);

    public Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken) =>
        _store.GetBookmarksAsync(query, cancellationToken);

    public Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken) =>
        _store.ReadPendingGatesAsync(query, visit, cancellationToken);

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) =>
        _store.FindBookmarkAsync(bookmarkId, cancellationToken);

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken) =>
        _store.GetIncidentsAsync(runId, cancellationToken);

    public Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken) =>
        _store.EnqueueSignalAsync(signal, cancellationToken);

    public Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken) =>
        _store.GetSignalsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        _store.FireDueTimersAsync(now, max, cancellationToken);

    public Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        _store.FindRunnableAsync(now, max, cancellationToken);

    public Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken) => _store.NextTimerAsync(cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        _store.TryAcquireLeaseAsync(runId, owner, now, until, cancellationToken);

    public Task<AcquiredRun?> AcquireAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        _store.AcquireAsync(runId, owner, now, until, cancellationToken);

    public Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        _store.RenewLeaseAsync(runId, owner, until, cancellationToken);

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) =>
        _store.ReleaseLeaseAsync(runId, owner, cancellationToken);
}
