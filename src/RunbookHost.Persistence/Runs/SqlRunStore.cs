using System.Data.Common;
using System.Globalization;
using Dapper;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Runs;

/// <summary>
/// The run store on SQLite or PostgreSQL. A commit is one transaction: the run row under optimistic
/// concurrency, the journal continuing its hash chain, bookmarks, incidents and consumed signals.
/// </summary>
internal sealed partial class SqlRunStore(SqlDatabase database) : IRunStore
{
    public async Task CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        CheckJournal(commit);
        var statements = CommitStatements(commit);
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        bool applied;
        DbException? refusal = null;
        try
        {
            // The run row first: its update locks the row (PostgreSQL; SQLite holds the write lock), serialising
            // commits of one run, and its WHERE checks version, journal tip and lease in one go.
            applied = await database.ExecuteAsync(session, transaction, statements, cancellationToken);
        }
        catch (DbException ex) when (database.IsKeyViolation(ex))
        {
            // The run row did not match and a later statement of the batch hit a key: a concurrent writer took
            // the journal's next seq, or the run does not exist. The read below says which.
            applied = false;
            refusal = ex;
        }

        if (!applied)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw await RefusalAsync(connection, commit, refusal, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The commit's own records must chain from genesis (a new run) or from each other, and the run row must name the last.</summary>
    private static void CheckJournal(RunCommit commit)
    {
        var run = commit.Run;
        if (commit.Journal.Count == 0)
        {
            if (run.Version == 1 && (run.LastSeq != 0 || run.LastHash != JournalChain.Genesis))
            {
                throw new InvalidOperationException($"Run {run.RunId} names journal record {run.LastSeq} as its last, but the journal ends at 0.");
            }

            return;
        }

        var first = commit.Journal[0];
        if (run.Version == 1 && (first.Seq != 1 || first.PrevHash != JournalChain.Genesis))
        {
            throw new InvalidOperationException($"Journal of run {run.RunId} would break at record {first.Seq}: it must continue at 1.");
        }

        long seq = first.Seq;
        string hash = first.Hash;
        for (int i = 1; i < commit.Journal.Count; i++)
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

    /// <summary>Why the database refused a commit: the run moved on (or is leased to another), or the journal would break.</summary>
    private async Task<Exception> RefusalAsync(DbConnection connection, RunCommit commit, DbException? refusal, CancellationToken cancellationToken)
    {
        var run = commit.Run;
        var stored = await connection.QuerySingleOrDefaultAsync<CommitTargetRow>(database.Command(RunSql.CommitTarget, new { run.RunId }, null, cancellationToken));
        if (stored is null || run.Version == 1 || stored.Version != run.Version - 1 || (commit.Lease is { } lease && stored.LeaseOwner != lease.Owner))
        {
            return new RunConcurrencyException(run.RunId, run.Version - 1);
        }

        var (prevSeq, prevHash) = PreviousTip(commit);
        if (stored.LastSeq != prevSeq || stored.LastHash != prevHash)
        {
            return commit.Journal.Count > 0
                ? new InvalidOperationException($"Journal of run {run.RunId} would break at record {commit.Journal[0].Seq}: it must continue at {stored.LastSeq + 1}.")
                : new InvalidOperationException($"Run {run.RunId} names journal record {run.LastSeq} as its last, but the journal ends at {stored.LastSeq}.");
        }

        return new InvalidOperationException($"The database refused the commit of run {run.RunId} at version {run.Version}.", refusal);
    }

    /// <summary>The journal tip the commit continues from: before its first record, or the run's tip when it has none.</summary>
    private static (long Seq, string Hash) PreviousTip(RunCommit commit) =>
        commit.Journal.Count > 0 ? (commit.Journal[0].Seq - 1, commit.Journal[0].PrevHash) : (commit.Run.LastSeq, commit.Run.LastHash);

    /// <summary>The transaction of a commit: the run row, then only what the commit has (most have one journal record and nothing else).</summary>
    private List<SqlStatement> CommitStatements(RunCommit commit)
    {
        var run = commit.Run;
        var statements = new List<SqlStatement>(2) { RunStatement(commit) };
        for (int offset = 0; offset < commit.Journal.Count; offset += RunSql.JournalRowsPerInsert)
        {
            int rows = Math.Min(RunSql.JournalRowsPerInsert, commit.Journal.Count - offset);
            var insert = new SqlStatement(RunSql.InsertJournal(rows), rows).Add("@RunId", run.RunId);
            for (int i = 0; i < rows; i++)
            {
                var record = commit.Journal[offset + i];
                var names = RunSql.JournalParameters(i);
                insert.Add(names[0], record.Seq)
                    .Add(names[1], database.Time(record.At))
                    .Add(names[2], record.Kind)
                    .Add(names[3], record.ActivityId)
                    .Add(names[4], record.Actor)
                    .Add(names[5], record.Message)
                    .AddJson(names[6], record.Data?.ToJsonString())
                    .Add(names[7], record.Hash)
                    .Add(names[8], record.PrevHash);
            }

            statements.Add(insert);
        }

        foreach (var bookmark in commit.AddBookmarks)
        {
            statements.Add(BookmarkStatement(run, bookmark));
        }

        object consumedAt = database.Time(run.UpdatedAt);
        foreach (string bookmarkId in commit.ConsumeBookmarks)
        {
            statements.Add(new SqlStatement(RunSql.ConsumeBookmark).Add("@BookmarkId", bookmarkId).Add("@RunId", run.RunId).Add("@ConsumedAt", consumedAt));
        }

        foreach (var incident in commit.UpsertIncidents)
        {
            statements.Add(IncidentStatement(run.RunId, incident));
        }

        foreach (string signalId in commit.ConsumeSignals)
        {
            statements.Add(new SqlStatement(RunSql.DeleteSignal).Add("@RunId", run.RunId).Add("@SignalId", signalId));
        }

        return statements;
    }

    private SqlStatement RunStatement(RunCommit commit)
    {
        var run = commit.Run;
        SqlStatement statement;
        if (run.Version == 1)
        {
            bool leased = commit.Lease is not null && !commit.ReleaseLease;
            statement = new SqlStatement(RunSql.InsertRun, 1)
                .Add("@DefinitionId", run.DefinitionId)
                .Add("@DefinitionVersion", run.DefinitionVersion)
                .Add("@StartedBy", run.StartedBy)
                .Add("@StartedAt", database.Time(run.StartedAt))
                .AddJson("@Input", RowJson.Text(run.Input))
                .Add("@LeaseOwner", leased ? commit.Lease!.Owner : null)
                .Add("@LeaseUntil", leased ? database.Time(commit.Lease!.Until) : null);
        }
        else
        {
            var (prevSeq, prevHash) = PreviousTip(commit);
            string sql = commit.Lease is null ? RunSql.UpdateRunUnleased : commit.ReleaseLease ? RunSql.UpdateRunReleasing : RunSql.UpdateRunLeased;
            statement = new SqlStatement(sql, 1)
                .Add("@ExpectedVersion", run.Version - 1)
                .Add("@PrevSeq", prevSeq)
                .Add("@PrevHash", prevHash);
            if (commit.Lease is { } lease)
            {
                statement.Add("@LeaseOwner", lease.Owner);
            }
        }

        return statement
            .Add("@RunId", run.RunId)
            .Add("@Status", run.Status.ToString())
            .Add("@FinishedAt", database.Time(run.FinishedAt))
            .Add("@UpdatedAt", database.Time(run.UpdatedAt))
            .Add("@Version", run.Version)
            .Add("@LastSeq", run.LastSeq)
            .Add("@LastHash", run.LastHash)
            .Add("@State", run.State)
            .Add("@Fault", run.Fault);
    }

    private SqlStatement BookmarkStatement(RunRecord run, Bookmark bookmark) => new SqlStatement(RunSql.UpsertBookmark)
        .Add("@BookmarkId", bookmark.BookmarkId)
        .Add("@RunId", run.RunId)
        .Add("@ActivityPath", bookmark.ActivityPath)
        .Add("@ActivityId", bookmark.ActivityId)
        .Add("@Name", bookmark.Name)
        .Add("@Hash", bookmark.Hash)
        .AddJson("@Payload", RowJson.Text(bookmark.Payload))
        .Add("@CreatedAt", database.Time(bookmark.CreatedAt))
        .Add("@ResumeAt", database.Time(bookmark.ResumeAt))
        .Add("@ConsumedAt", database.Time(bookmark.ConsumedAt))
        .Add("@DefinitionId", run.DefinitionId)
        .Add("@StartedBy", run.StartedBy);

    private SqlStatement IncidentStatement(string runId, Incident incident) => new SqlStatement(RunSql.UpsertIncident)
        .Add("@RunId", runId)
        .Add("@IncidentId", incident.IncidentId)
        .Add("@ActivityPath", incident.ActivityPath)
        .Add("@ActivityId", incident.ActivityId)
        .Add("@Kind", incident.Kind.ToString())
        .Add("@Message", incident.Message)
        .Add("@OpenedAt", database.Time(incident.OpenedAt))
        .Add("@Attempts", incident.Attempts)
        .Add("@ResolutionAction", incident.Resolution?.Action)
        .Add("@ResolutionOutcome", incident.Resolution?.Outcome)
        .Add("@ResolutionComment", incident.Resolution?.Comment)
        .Add("@ResolvedBy", incident.Resolution?.ResolvedBy)
        .Add("@ResolvedAt", database.Time(incident.Resolution?.ResolvedAt));

    /// <summary>The run row's concurrency columns, read to explain a refused commit.</summary>
    private sealed class CommitTargetRow
    {
        public long Version { get; set; }

        public long LastSeq { get; set; }

        public string LastHash { get; set; } = "";

        public string? LeaseOwner { get; set; }
    }
}
