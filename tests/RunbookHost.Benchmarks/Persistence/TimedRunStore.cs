using System.Diagnostics;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>
/// The run store with a stopwatch around each call, to split a run's time between the store and
/// the engine. Only for the untimed breakdown: the figures held to targets run without it.
/// </summary>
internal sealed class TimedRunStore(IRunStore inner) : IRunStore
{
    /// <summary>Time spent in commits, in lease calls (each its own write) and in reads.</summary>
    public Meter Commits { get; } = new();

    public Meter Leases { get; } = new();

    public Meter Reads { get; } = new();

    public void Reset()
    {
        Commits.Reset();
        Leases.Reset();
        Reads.Reset();
    }

    public Task CommitAsync(RunCommit commit, CancellationToken cancellationToken) =>
        Commits.TimeAsync(async () => { await inner.CommitAsync(commit, cancellationToken); return true; });

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.GetAsync(runId, cancellationToken));

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.ListAsync(query, cancellationToken));

    public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.GetJournalAsync(runId, afterSeq, cancellationToken));

    public Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.GetBookmarksAsync(query, cancellationToken));

    public Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.ReadPendingGatesAsync(query, visit, cancellationToken));

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.FindBookmarkAsync(bookmarkId, cancellationToken));

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.GetIncidentsAsync(runId, cancellationToken));

    public Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken) =>
        Commits.TimeAsync(() => inner.EnqueueSignalAsync(signal, cancellationToken));

    public Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.GetSignalsAsync(runId, cancellationToken));

    public Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Commits.TimeAsync(() => inner.FireDueTimersAsync(now, max, cancellationToken));

    public Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.FindRunnableAsync(now, max, cancellationToken));

    public Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken) =>
        Reads.TimeAsync(() => inner.NextTimerAsync(cancellationToken));

    public Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        Leases.TimeAsync(() => inner.TryAcquireLeaseAsync(runId, owner, now, until, cancellationToken));

    /// <summary>The lease taken and the run read (one statement on the SQL stores): counted as a lease write.</summary>
    public Task<AcquiredRun?> AcquireAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        Leases.TimeAsync(() => inner.AcquireAsync(runId, owner, now, until, cancellationToken));

    public Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        Leases.TimeAsync(() => inner.RenewLeaseAsync(runId, owner, until, cancellationToken));

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken) =>
        Leases.TimeAsync(async () => { await inner.ReleaseLeaseAsync(runId, owner, cancellationToken); return true; });

    /// <summary>Calls of one kind: how many, and their total time.</summary>
    internal sealed class Meter
    {
        private long _ticks;
        private long _calls;

        public long Calls => Interlocked.Read(ref _calls);

        public TimeSpan Total => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

        public void Reset()
        {
            Interlocked.Exchange(ref _ticks, 0);
            Interlocked.Exchange(ref _calls, 0);
        }

        public async Task<T> TimeAsync<T>(Func<Task<T>> call)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                return await call();
            }
            finally
            {
                Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref _calls);
            }
        }
    }
}
