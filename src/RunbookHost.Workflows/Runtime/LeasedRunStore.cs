using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// The run store as one execution sees it while this host holds the run's lease: every commit is made
/// under the lease (refused once another host took it), and the commit that finishes the run frees the
/// lease in its own transaction instead of a separate write afterwards.
/// </summary>
internal sealed class LeasedRunStore(IRunStore inner, RunLease lease) : IRunStore
{
    /// <summary>Whether a committed finish already freed the lease.</summary>
    public bool Released { get; private set; }

    public async Task CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        if (Released)
        {
            // Nothing is left to fence once the run has finished and let its lease go.
            await inner.CommitAsync(commit, cancellationToken);
            return;
        }

        bool finishing = commit.Run.IsFinished;
        await inner.CommitAsync(commit with { Lease = lease, ReleaseLease = finishing }, cancellationToken);
        Released = finishing;
    }

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) => inner.GetAsync(runId, cancellationToken);

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken) =>
        inner.GetJournalAsync(runId, afterSeq, cancellationToken);

    public Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken) =>
        inner.GetBookmarksAsync(query, cancellationToken);

    public Task<IReadOnlyList<PendingGate>> GetPendingGatesAsync(PendingGateQuery query, CancellationToken cancellationToken) =>
        inner.GetPendingGatesAsync(query, cancellationToken);

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => inner.FindBookmarkAsync(bookmarkId, cancellationToken);

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken) => inner.GetIncidentsAsync(runId, cancellationToken);

    public Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken) => inner.EnqueueSignalAsync(signal, cancellationToken);

    public Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken) => inner.GetSignalsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        inner.FireDueTimersAsync(now, max, cancellationToken);

    public Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        inner.FindRunnableAsync(now, max, cancellationToken);

    public Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken) => inner.NextTimerAsync(cancellationToken);

    public Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.TryAcquireLeaseAsync(runId, owner, now, until, cancellationToken);

    public Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.RenewLeaseAsync(runId, owner, until, cancellationToken);

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) => inner.ReleaseLeaseAsync(runId, owner, cancellationToken);
}
