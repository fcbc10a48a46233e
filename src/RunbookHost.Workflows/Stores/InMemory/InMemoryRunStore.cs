using RunbookHost.Workflows.Journal;

namespace RunbookHost.Workflows.Stores.InMemory;

/// <summary>
/// A run store in memory with the same semantics as the SQL stores: atomic commits with optimistic
/// concurrency, one resume per bookmark, leases. For tests, benchmarks and single-process demos.
/// </summary>
public sealed class InMemoryRunStore : IRunStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bookmarkRuns = new(StringComparer.Ordinal);

    public Task CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        var run = commit.Run;
        lock (_lock)
        {
            if (!_runs.TryGetValue(run.RunId, out var entry))
            {
                if (run.Version != 1)
                {
                    throw new RunConcurrencyException(run.RunId, run.Version - 1);
                }

                CheckJournal(run, 0, JournalChain.Genesis, commit);
                entry = new Entry(run);
                _runs.Add(run.RunId, entry);
                if (commit.Lease is { } lease && !commit.ReleaseLease)
                {
                    entry.LeaseOwner = lease.Owner;
                    entry.LeaseUntil = lease.Until;
                }
            }
            else
            {
                if (entry.Run.Version != run.Version - 1 || (commit.Lease is { } lease && entry.LeaseOwner != lease.Owner))
                {
                    throw new RunConcurrencyException(run.RunId, run.Version - 1);
                }

                CheckJournal(run, entry.Run.LastSeq, entry.Run.LastHash, commit);
                entry.Run = run;
                if (commit.Lease is not null && commit.ReleaseLease)
                {
                    entry.LeaseOwner = null;
                }
            }

            entry.Journal.AddRange(commit.Journal);
            foreach (var bookmark in commit.AddBookmarks)
            {
                entry.Bookmarks[bookmark.BookmarkId] = bookmark;
                _bookmarkRuns[bookmark.BookmarkId] = run.RunId;
            }

            foreach (string id in commit.ConsumeBookmarks)
            {
                if (entry.Bookmarks.TryGetValue(id, out var bookmark))
                {
                    entry.Bookmarks[id] = bookmark with { ConsumedAt = run.UpdatedAt };
                }
            }

            foreach (var incident in commit.UpsertIncidents)
            {
                entry.Incidents[incident.IncidentId] = incident;
            }

            if (commit.ConsumeSignals.Count > 0)
            {
                entry.Signals.RemoveAll(s => commit.ConsumeSignals.Contains(s.SignalId));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The commit's records continue the stored tip without a gap, and its run row names the new tip.</summary>
    private static void CheckJournal(RunRecord run, long seq, string hash, RunCommit commit)
    {
        for (int i = 0; i < commit.Journal.Count; i++)
        {
            var record = commit.Journal[i];
            if (record.Seq != seq + 1 || record.PrevHash != hash)
            {
                throw new InvalidOperationException($"Journal of run {run.RunId} would break at record {record.Seq}: it must continue at {seq + 1}.");
            }

            seq = record.Seq;
            hash = record.Hash;
        }

        if (run.LastSeq != seq || run.LastHash != hash)
        {
            throw new InvalidOperationException($"Run {run.RunId} names journal record {run.LastSeq} as its last, but the journal ends at {seq}.");
        }
    }

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_runs.TryGetValue(runId, out var entry) ? entry.Run : null);
        }
    }

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var matching = _runs.Values.Select(e => e.Run)
                .Where(r => query.Status is null || r.Status == query.Status)
                .Where(r => query.DefinitionId is null || r.DefinitionId == query.DefinitionId)
                .OrderByDescending(r => r.StartedAt).ThenBy(r => r.RunId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(new RunPage(matching.Skip(query.Skip).Take(query.Take).ToList(), matching.Count));
        }
    }

    public Task<IReadOnlyList<JournalRecord>> GetJournalOfKindsAsync(string runId, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken) =>
        Task.FromResult(Journal(runId, r => kinds.Contains(r.Kind)));

    public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(string runId, long afterSeq, CancellationToken cancellationToken) =>
        Task.FromResult(Journal(runId, r => r.Seq > afterSeq));

    /// <summary>The run's journal records that match, in order; none for an unknown run.</summary>
    private IReadOnlyList<JournalRecord> Journal(string runId, Func<JournalRecord, bool> match)
    {
        lock (_lock)
        {
            return _runs.TryGetValue(runId, out var entry) ? entry.Journal.Where(match).ToList() : [];
        }
    }

    public Task<IReadOnlyList<Bookmark>> GetBookmarksAsync(BookmarkQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IEnumerable<Entry> entries = query.RunId is null ? _runs.Values : _runs.TryGetValue(query.RunId, out var e) ? [e] : [];
            IReadOnlyList<Bookmark> found = entries
                .SelectMany(e => e.Bookmarks.Values.Where(b => !query.PendingOnly || (b.ConsumedAt is null && !e.HasResume(b.BookmarkId))))
                .Where(b => query.Names is null || query.Names.Contains(b.Name))
                .Where(b => query.Hash is null || b.Hash == query.Hash)
                .OrderBy(b => b.CreatedAt).ThenBy(b => b.BookmarkId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<int> ReadPendingGatesAsync(PendingGateQuery query, PendingGateVisitor visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        List<(Bookmark Bookmark, RunRecord Run)> gates;
        lock (_lock)
        {
            IEnumerable<Entry> entries = query.RunId is null ? _runs.Values : _runs.TryGetValue(query.RunId, out var e) ? [e] : [];
            gates = entries
                .SelectMany(e => e.Bookmarks.Values
                    .Where(b => b.ConsumedAt is null && !e.HasResume(b.BookmarkId) && query.Names.Contains(b.Name))
                    .Select(b => (Bookmark: b, e.Run)))
                .Where(g => query.After is not { } after || After(g.Bookmark, after))
                .OrderBy(g => g.Bookmark.CreatedAt).ThenBy(g => g.Bookmark.BookmarkId, StringComparer.Ordinal)
                .Take(query.Take ?? int.MaxValue)
                .ToList();
        }

        // Outside the lock: the records are immutable, and the visitor may take its time.
        var encoder = new PendingGateEncoder();
        foreach (var (bookmark, run) in gates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            encoder.Visit(bookmark, run.DefinitionId, run.StartedBy, visit);
        }

        return Task.FromResult(gates.Count);

        static bool After(Bookmark bookmark, GateCursor cursor) =>
            bookmark.CreatedAt > cursor.CreatedAt
            || (bookmark.CreatedAt == cursor.CreatedAt && string.CompareOrdinal(bookmark.BookmarkId, cursor.BookmarkId) > 0);
    }

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_bookmarkRuns.TryGetValue(bookmarkId, out string? runId) ? _runs[runId].Bookmarks[bookmarkId] : null);
        }
    }

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Incident> incidents = _runs.TryGetValue(runId, out var entry)
                ? entry.Incidents.Values.OrderBy(i => i.OpenedAt).ToList()
                : [];
            return Task.FromResult(incidents);
        }
    }

    public Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Enqueue(signal));
        }
    }

    private SignalResult Enqueue(RunSignal signal)
    {
        if (!_runs.TryGetValue(signal.RunId, out var entry))
        {
            return SignalResult.NotFound;
        }

        if (entry.Run.IsFinished)
        {
            // A finished run takes no more stimuli.
            return SignalResult.Conflict;
        }

        switch (signal.Kind)
        {
            case SignalKind.Resume:
                if (signal.BookmarkId is null || !entry.Bookmarks.TryGetValue(signal.BookmarkId, out var bookmark))
                {
                    return SignalResult.NotFound;
                }

                if (bookmark.ConsumedAt is not null || entry.HasResume(bookmark.BookmarkId))
                {
                    return SignalResult.Conflict;
                }

                break;
            case SignalKind.ResolveIncident:
                if (signal.IncidentId is null || !entry.Incidents.TryGetValue(signal.IncidentId, out var incident))
                {
                    return SignalResult.NotFound;
                }

                if (!incident.IsOpen || entry.Signals.Any(s => s.Kind == SignalKind.ResolveIncident && s.IncidentId == signal.IncidentId))
                {
                    return SignalResult.Conflict;
                }

                break;
            case SignalKind.Cancel:
                if (entry.Run.IsFinished || entry.Signals.Any(s => s.Kind == SignalKind.Cancel))
                {
                    return SignalResult.Conflict;
                }

                break;
        }

        entry.Signals.Add(signal);
        return SignalResult.Accepted;
    }

    public Task<IReadOnlyList<RunSignal>> GetSignalsAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<RunSignal> signals = _runs.TryGetValue(runId, out var entry) ? entry.Signals.ToList() : [];
            return Task.FromResult(signals);
        }
    }

    public Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var touched = new List<string>();
            var due = _runs.Values
                .SelectMany(e => e.Bookmarks.Values.Where(b => b.ResumeAt <= now && b.ConsumedAt is null && !e.HasResume(b.BookmarkId)))
                .OrderBy(b => b.ResumeAt)
                .Take(max)
                .ToList();
            foreach (var bookmark in due)
            {
                var signal = RunSignal.ForTimer(bookmark, now);
                if (Enqueue(signal) == SignalResult.Accepted && !touched.Contains(bookmark.RunId))
                {
                    touched.Add(bookmark.RunId);
                }
            }

            return Task.FromResult<IReadOnlyList<string>>(touched);
        }
    }

    public Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var next = _runs.Values
                .SelectMany(e => e.Bookmarks.Values.Where(b => b.ResumeAt is not null && b.ConsumedAt is null && !e.HasResume(b.BookmarkId)))
                .Select(b => b.ResumeAt)
                .DefaultIfEmpty(null)
                .Min();
            return Task.FromResult(next);
        }
    }

    public Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<string> runnable = _runs.Values
                .Where(e => e.Run.Status == RunStatus.Running || e.Signals.Count > 0)
                .Where(e => e.LeaseOwner is null || e.LeaseUntil <= now)
                .OrderBy(e => e.Run.UpdatedAt)
                .Take(max)
                .Select(e => e.Run.RunId)
                .ToList();
            return Task.FromResult(runnable);
        }
    }

    public Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult(Acquire(runId, owner, now, until) is not null);

    public Task<AcquiredRun?> AcquireAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult(Acquire(runId, owner, now, until));

    /// <summary>The run, now leased to <paramref name="owner"/>; null when another holds a live lease or there is no such run.</summary>
    private AcquiredRun? Acquire(string runId, string owner, DateTimeOffset now, DateTimeOffset until)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(runId, out var entry) || (entry.LeaseOwner is not null && entry.LeaseOwner != owner && entry.LeaseUntil > now))
            {
                return null;
            }

            entry.LeaseOwner = owner;
            entry.LeaseUntil = until;
            return new AcquiredRun(entry.Run, entry.Signals.Count > 0);
        }
    }

    public Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(runId, out var entry) || entry.LeaseOwner != owner)
            {
                return Task.FromResult(false);
            }

            entry.LeaseUntil = until;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_runs.TryGetValue(runId, out var entry) && entry.LeaseOwner == owner)
            {
                entry.LeaseOwner = null;
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Entry(RunRecord run)
    {
        public RunRecord Run { get; set; } = run;

        public List<JournalRecord> Journal { get; } = [];

        public Dictionary<string, Bookmark> Bookmarks { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Incident> Incidents { get; } = new(StringComparer.Ordinal);

        public List<RunSignal> Signals { get; } = [];

        public string? LeaseOwner { get; set; }

        public DateTimeOffset LeaseUntil { get; set; }

        public bool HasResume(string bookmarkId) => Signals.Exists(s => s.Kind == SignalKind.Resume && s.BookmarkId == bookmarkId);
    }
}
