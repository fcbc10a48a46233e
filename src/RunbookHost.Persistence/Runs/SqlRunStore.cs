using System.Data.Common;
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
        if (database.CommitsInOneStatement && OneStatement(commit) is { } statement)
        {
            await CommitOneStatementAsync(commit, statement, cancellationToken);
            return;
        }

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

    /// <summary>
    /// A commit of the run row and its journal records only (most are: one step, one record) as one statement
    /// in its own transaction: one round trip where a transaction takes two. The journal rows are inserted
    /// from what the run row's INSERT or UPDATE returns, so a row that did not match (version, journal tip,
    /// lease, or a run that exists already) inserts none and the statement changes nothing; a journal seq
    /// another writer took fails the whole statement on its key. Either way nothing is applied and the read
    /// afterwards says why.
    /// </summary>
    private async Task CommitOneStatementAsync(RunCommit commit, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        int changed;
        try
        {
            changed = await database.ExecuteAsync(session, null, statement, cancellationToken);
        }
        catch (DbException ex) when (database.IsKeyViolation(ex))
        {
            throw await RefusalAsync(session.Connection, commit, ex, cancellationToken);
        }

        if (changed != statement.ExpectedRows)
        {
            throw await RefusalAsync(session.Connection, commit, null, cancellationToken);
        }
    }

    /// <summary>The commit as one statement, when it has nothing but the run row and at most one INSERT's worth of records; else null.</summary>
    private SqlStatement? OneStatement(RunCommit commit)
    {
        int records = commit.Journal.Count;
        if (records > RunSql.JournalRowsPerInsert || commit.AddBookmarks.Count > 0 || commit.ConsumeBookmarks.Count > 0
            || commit.UpsertIncidents.Count > 0 || commit.ConsumeSignals.Count > 0)
        {
            return null;
        }

        var (runSql, _) = RunSqlOf(commit);
        if (records == 0)
        {
            return RunStatement(commit, runSql, expectedRows: 1);
        }

        var statement = RunStatement(commit, RunSql.RunRowWithJournal(runSql, records), expectedRows: records);
        AddJournalParameters(statement, commit, 0, records);
        return statement;
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
        var (runSql, insert) = RunSqlOf(commit);
        var statements = new List<SqlStatement>(3);
        if (!insert && database.IndexesAssignedColumnsEvenIfUnchanged)
        {
            statements.Add(RunStatement(commit, KeepingStatus(runSql), expectedRows: 1, status: false));
            if (commit.PreviousStatus != run.Status)
            {
                // Most commits keep the status (the committer says so): no statement for it then.
                statements.Add(new SqlStatement(RunSql.SetStatusIfChanged).Add("@RunId", run.RunId).Add("@Status", run.Status.ToString()));
            }
        }
        else
        {
            statements.Add(RunStatement(commit, runSql, expectedRows: 1));
        }

        for (int offset = 0; offset < commit.Journal.Count; offset += RunSql.JournalRowsPerInsert)
        {
            int rows = Math.Min(RunSql.JournalRowsPerInsert, commit.Journal.Count - offset);
            var records = new SqlStatement(RunSql.InsertJournal(rows, database.JournalKeyedByRunNumber), rows).Add("@RunId", run.RunId);
            AddJournalParameters(records, commit, offset, rows);
            statements.Add(records);
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

    /// <summary>Records <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="rows"/> of the commit as rows 0.. of a journal INSERT.</summary>
    private void AddJournalParameters(SqlStatement statement, RunCommit commit, int offset, int rows)
    {
        for (int i = 0; i < rows; i++)
        {
            var record = commit.Journal[offset + i];
            var names = RunSql.JournalParameters(i);
            statement.Add(names[0], record.Seq)
                .Add(names[1], database.Time(record.At))
                .Add(names[2], record.Kind)
                .Add(names[3], record.ActivityId)
                .Add(names[4], record.Actor)
                .Add(names[5], record.Message)
                .AddJson(names[6], record.GetDataJson())
                .Add(names[7], record.Hash)
                .Add(names[8], record.PrevHash);
        }
    }

    /// <summary>The run row's statement: the INSERT of a new run, or the UPDATE checked for version, tip and (when leased) the lease.</summary>
    private (string Sql, bool Insert) RunSqlOf(RunCommit commit) =>
        commit.Run.Version == 1 ? (database.JournalKeyedByRunNumber ? RunSql.InsertNumberedRun : RunSql.InsertRun, true)
        : commit.Lease is null ? (RunSql.UpdateRunUnleased, false)
        : commit.ReleaseLease ? (RunSql.UpdateRunReleasing, false)
        : (RunSql.UpdateRunLeased, false);

    private static string KeepingStatus(string updateSql) => updateSql switch
    {
        RunSql.UpdateRunUnleased => RunSql.UpdateRunUnleasedKeepingStatus,
        RunSql.UpdateRunLeased => RunSql.UpdateRunLeasedKeepingStatus,
        RunSql.UpdateRunReleasing => RunSql.UpdateRunReleasingKeepingStatus,
        _ => throw new ArgumentOutOfRangeException(nameof(updateSql), "Not a run row UPDATE."),
    };

    /// <param name="status">Whether <paramref name="sql"/> writes the status (all but the <c>KeepingStatus</c> updates).</param>
    private SqlStatement RunStatement(RunCommit commit, string sql, int expectedRows, bool status = true)
    {
        var run = commit.Run;
        var statement = new SqlStatement(sql, expectedRows);
        if (run.Version == 1)
        {
            bool leased = commit.Lease is not null && !commit.ReleaseLease;
            statement
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
            statement
                .Add("@ExpectedVersion", run.Version - 1)
                .Add("@PrevSeq", prevSeq)
                .Add("@PrevHash", prevHash);
            if (commit.Lease is { } lease)
            {
                statement.Add("@LeaseOwner", lease.Owner);
            }
        }

        if (status)
        {
            statement.Add("@Status", run.Status.ToString());
        }

        return statement
            .Add("@RunId", run.RunId)
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
