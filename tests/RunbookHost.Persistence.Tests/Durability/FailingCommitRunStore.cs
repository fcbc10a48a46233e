using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// A run store whose next commit matching <see cref="FailNext"/> throws, as when the database drops
/// a connection, fails over or picks the transaction as a deadlock victim; everything else passes through.
/// </summary>
internal sealed class FailingCommitRunStore(IRunStore inner) : IRunStore
{
    /// <summary>The commit to fail once; null fails nothing.</summary>
    public Func<RunCommit, bool>? FailNext { get; set; }

    /// <summary>What the failing commit waits for before it fails (a commit hangs, then the connection drops).</summary>
    public Task FailAfter { get; set; } = Task.CompletedTask;

    public async Task CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        if (FailNext is { } fail && fail(commit))
        {
            FailNext = null;
            await FailAfter.WaitAsync(cancellationToken);
            throw new IOException("Injected: the database connection was lost during the commit.");
        }

        await inner.CommitAsync(commit, cancellationToken);
    }

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => inner.GetAsync(runId, cancellationToken);

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken) => inner.GetJournalAsync(runId, afterSeq, cancellationToken);

    public Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken) => inner.GetBookmarksAsync(query, cancellationToken);

    public Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken) => inner.ReadPendingGatesAsync(query, visit, cancellationToken);

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => inner.FindBookmarkAsync(bookmarkId, cancellationToken);

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken) => inner.GetIncidentsAsync(runId, cancellationToken);

    public Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken) => inner.EnqueueSignalAsync(signal, cancellationToken);

    public Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken) => inner.GetSignalsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.FireDueTimersAsync(now, max, cancellationToken);

    public Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.FindRunnableAsync(now, max, cancellationToken);

    public Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken) => inner.NextTimerAsync(cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => inner.TryAcquireLeaseAsync(runId, owner, now, until, cancellationToken);

    public Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken) => inner.RenewLeaseAsync(runId, owner, until, cancellationToken);

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) => inner.ReleaseLeaseAsync(runId, owner, cancellationToken);
}
