using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Tests.Support;

/// <summary>A run store whose lease renewals fail while "partitioned", as when a host loses the database for a while.</summary>
internal sealed class PartitionableRunStore(IRunStore inner) : IRunStore
{
    public IRunStore Inner { get; } = inner;

    public bool Partitioned { get; set; }

    public Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        Partitioned ? throw new TimeoutException("database unreachable") : Inner.RenewLeaseAsync(runId, owner, until, cancellationToken);

    public Task CommitAsync(RunCommit commit, CancellationToken cancellationToken) => Inner.CommitAsync(commit, cancellationToken);

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => Inner.GetAsync(runId, cancellationToken);

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => Inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken) => Inner.GetJournalAsync(runId, afterSeq, cancellationToken);

    public Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken) => Inner.GetBookmarksAsync(query, cancellationToken);

    public Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken) => Inner.ReadPendingGatesAsync(query, visit, cancellationToken);

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => Inner.FindBookmarkAsync(bookmarkId, cancellationToken);

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken) => Inner.GetIncidentsAsync(runId, cancellationToken);

    public Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken) => Inner.EnqueueSignalAsync(signal, cancellationToken);

    public Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken) => Inner.GetSignalsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Inner.FireDueTimersAsync(now, max, cancellationToken);

    public Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Inner.FindRunnableAsync(now, max, cancellationToken);

    public Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken) => Inner.NextTimerAsync(cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => Inner.TryAcquireLeaseAsync(runId, owner, now, until, cancellationToken);

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) => Inner.ReleaseLeaseAsync(runId, owner, cancellationToken);
}
