using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Tests.Support;

/// <summary>A run store that hands every call to another; tests override the calls they interfere with.</summary>
internal abstract class DelegatingRunStore(IRunStore inner) : IRunStore
{
    public IRunStore Inner { get; } = inner;

    public virtual Task CommitAsync(RunCommit commit, CancellationToken cancellationToken) => Inner.CommitAsync(commit, cancellationToken);

    public virtual Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => Inner.GetAsync(runId, cancellationToken);

    public virtual Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => Inner.ListAsync(query, cancellationToken);

    public virtual Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken) => Inner.GetJournalAsync(runId, afterSeq, cancellationToken);

    public virtual Task<IReadOnlyList<JournalRecord>> GetJournalOfKindsAsync(string runId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken) => Inner.GetJournalOfKindsAsync(runId, kinds, cancellationToken);

    public virtual Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken) => Inner.GetBookmarksAsync(query, cancellationToken);

    public virtual Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken) => Inner.ReadPendingGatesAsync(query, visit, cancellationToken);

    public virtual Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => Inner.FindBookmarkAsync(bookmarkId, cancellationToken);

    public virtual Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken) => Inner.GetIncidentsAsync(runId, cancellationToken);

    public virtual Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken) => Inner.EnqueueSignalAsync(signal, cancellationToken);

    public virtual Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken) => Inner.GetSignalsAsync(runId, cancellationToken);

    public virtual Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Inner.FireDueTimersAsync(now, max, cancellationToken);

    public virtual Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Inner.FindRunnableAsync(now, max, cancellationToken);

    public virtual Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken) => Inner.NextTimerAsync(cancellationToken);

    public virtual Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => Inner.TryAcquireLeaseAsync(runId, owner, now, until, cancellationToken);

    public virtual Task<AcquiredRun?> AcquireAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => Inner.AcquireAsync(runId, owner, now, until, cancellationToken);

    public virtual Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken) => Inner.RenewLeaseAsync(runId, owner, until, cancellationToken);

    public virtual Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) => Inner.ReleaseLeaseAsync(runId, owner, cancellationToken);
}
