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
        var run = commit.Run;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);

        // The run row first: in PostgreSQL its update locks the row, serialising commits of one run.
        string sql = run.Version == 1 ? RunSql.InsertRun : RunSql.UpdateRun;
        int changed = await connection.ExecuteAsync(database.Command(sql, RunParameters(run), transaction, cancellationToken));
        if (changed != 1)
        {
            throw new RunConcurrencyException(run.RunId, run.Version - 1);
        }

        if (commit.Journal.Count > 0)
        {
            await CheckJournalAsync(connection, transaction, commit, cancellationToken);
            await connection.ExecuteAsync(database.Command(RunSql.InsertJournal, commit.Journal.Select(r => JournalParameters(run.RunId, r)), transaction, cancellationToken));
        }

        if (commit.AddBookmarks.Count > 0)
        {
            await connection.ExecuteAsync(database.Command(RunSql.UpsertBookmark, commit.AddBookmarks.Select(b => BookmarkParameters(run.RunId, b)), transaction, cancellationToken));
        }

        if (commit.ConsumeBookmarks.Count > 0)
        {
            object consumedAt = database.Time(run.UpdatedAt);
            var consumed = commit.ConsumeBookmarks.Select(id => new { BookmarkId = id, run.RunId, ConsumedAt = consumedAt });
            await connection.ExecuteAsync(database.Command(RunSql.ConsumeBookmark, consumed, transaction, cancellationToken));
        }

        if (commit.UpsertIncidents.Count > 0)
        {
            await connection.ExecuteAsync(database.Command(RunSql.UpsertIncident, commit.UpsertIncidents.Select(i => IncidentParameters(run.RunId, i)), transaction, cancellationToken));
        }

        if (commit.ConsumeSignals.Count > 0)
        {
            var signals = commit.ConsumeSignals.Select(id => new { run.RunId, SignalId = id });
            await connection.ExecuteAsync(database.Command(RunSql.DeleteSignal, signals, transaction, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task CheckJournalAsync(DbConnection connection, DbTransaction transaction, RunCommit commit, CancellationToken cancellationToken)
    {
        var last = await connection.QuerySingleOrDefaultAsync<(long Seq, string Hash)?>(
            database.Command(RunSql.LastJournalRecord, new { commit.Run.RunId }, transaction, cancellationToken));
        long seq = last?.Seq ?? 0;
        string hash = last?.Hash ?? JournalChain.Genesis;
        foreach (var record in commit.Journal)
        {
            if (record.Seq != seq + 1 || record.PrevHash != hash)
            {
                throw new InvalidOperationException($"Journal of run {commit.Run.RunId} would break at record {record.Seq}: it must continue at {seq + 1}.");
            }

            seq = record.Seq;
            hash = record.Hash;
        }
    }

    private object RunParameters(RunRecord run) => new
    {
        run.RunId,
        run.DefinitionId,
        run.DefinitionVersion,
        Status = run.Status.ToString(),
        run.StartedBy,
        StartedAt = database.Time(run.StartedAt),
        FinishedAt = database.Time(run.FinishedAt),
        UpdatedAt = database.Time(run.UpdatedAt),
        Input = database.Json(RowJson.Text(run.Input)),
        run.Version,
        ExpectedVersion = run.Version - 1,
        run.LastSeq,
        run.LastHash,
        run.State,
        run.Fault,
    };

    private object JournalParameters(string runId, JournalRecord record) => new
    {
        RunId = runId,
        record.Seq,
        At = database.Time(record.At),
        record.Kind,
        record.ActivityId,
        record.Actor,
        record.Message,
        Data = database.Json(record.Data?.ToJsonString()),
        record.Hash,
        record.PrevHash,
    };

    private object BookmarkParameters(string runId, Bookmark bookmark) => new
    {
        bookmark.BookmarkId,
        RunId = runId,
        bookmark.ActivityPath,
        bookmark.ActivityId,
        bookmark.Name,
        bookmark.Hash,
        Payload = database.Json(RowJson.Text(bookmark.Payload)),
        CreatedAt = database.Time(bookmark.CreatedAt),
        ResumeAt = database.Time(bookmark.ResumeAt),
        ConsumedAt = database.Time(bookmark.ConsumedAt),
    };

    private object IncidentParameters(string runId, Incident incident) => new
    {
        RunId = runId,
        incident.IncidentId,
        incident.ActivityPath,
        incident.ActivityId,
        Kind = incident.Kind.ToString(),
        incident.Message,
        OpenedAt = database.Time(incident.OpenedAt),
        incident.Attempts,
        ResolutionAction = incident.Resolution?.Action,
        ResolutionOutcome = incident.Resolution?.Outcome,
        ResolutionComment = incident.Resolution?.Comment,
        ResolvedBy = incident.Resolution?.ResolvedBy,
        ResolvedAt = database.Time(incident.Resolution?.ResolvedAt),
    };
}
