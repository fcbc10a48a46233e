using System.Data.Common;
using Dapper;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Runs;

internal sealed partial class SqlRunStore
{
    // Each check reads whether the target is already decided and locks its row (PostgreSQL; SQLite
    // holds the write lock already), so a commit that consumes the bookmark, resolves the incident or
    // finishes the run is either seen here or waits for this enqueue.
    private const string RunState = "SELECT finished_at AS Decided FROM runs WHERE run_id = @RunId";
    private const string BookmarkState = "SELECT consumed_at AS Decided FROM bookmarks WHERE bookmark_id = @BookmarkId AND run_id = @RunId";
    private const string IncidentState = "SELECT resolution_action AS Decided FROM incidents WHERE run_id = @RunId AND incident_id = @IncidentId";

    public async Task<SignalResult> EnqueueSignalAsync(RunSignal signal, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var result = await CheckTargetAsync(connection, transaction, signal, cancellationToken);
        if (result == SignalResult.Accepted)
        {
            // The partial unique indexes turn a second resume / resolution / cancel into "no row inserted".
            int inserted = await connection.ExecuteAsync(database.Command(RunSql.InsertSignal, SignalParameters(signal), transaction, cancellationToken));
            result = inserted == 1 ? SignalResult.Accepted : SignalResult.Conflict;
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<SignalResult> CheckTargetAsync(DbConnection connection, DbTransaction transaction, RunSignal signal, CancellationToken cancellationToken)
    {
        var run = await ReadTargetAsync(RunState + (signal.Kind == SignalKind.Cancel ? database.ForUpdate : database.ForShare));
        if (run is null)
        {
            return SignalResult.NotFound;
        }

        if (run.Decided is not (null or DBNull))
        {
            // A finished run takes no more stimuli.
            return SignalResult.Conflict;
        }

        var target = signal.Kind switch
        {
            SignalKind.Resume when signal.BookmarkId is not null => await ReadTargetAsync(BookmarkState + database.ForUpdate),
            SignalKind.ResolveIncident when signal.IncidentId is not null => await ReadTargetAsync(IncidentState + database.ForUpdate),
            SignalKind.Cancel => run,
            _ => null,
        };
        return target is null ? SignalResult.NotFound
            : target.Decided is not (null or DBNull) ? SignalResult.Conflict
            : SignalResult.Accepted;

        Task<TargetState?> ReadTargetAsync(string sql) =>
            connection.QuerySingleOrDefaultAsync<TargetState?>(database.Command(sql, new { signal.RunId, signal.BookmarkId, signal.IncidentId }, transaction, cancellationToken));
    }

    /// <summary>A signal's target: not null in <see cref="Decided"/> when it was already resumed, resolved or finished.</summary>
    private sealed class TargetState
    {
        public object? Decided { get; set; }
    }

    public async Task<IReadOnlyList<string>> FireDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var due = await connection.QueryAsync<BookmarkRow>(database.Command(
            RunSql.DueTimers + database.ForUpdate, new { Now = database.Time(now), Max = max }, transaction, cancellationToken));
        var touched = new List<string>();
        foreach (var bookmark in due.Select(r => r.ToRecord(database)))
        {
            var signal = RunSignal.ForTimer(bookmark, now);
            int inserted = await connection.ExecuteAsync(database.Command(RunSql.InsertSignal, SignalParameters(signal), transaction, cancellationToken));
            if (inserted == 1 && !touched.Contains(bookmark.RunId))
            {
                touched.Add(bookmark.RunId);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return touched;
    }

    public async Task<DateTimeOffset?> NextTimerAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        object? next = await connection.ExecuteScalarAsync<object?>(database.Command(RunSql.NextTimer, null, null, cancellationToken));
        return database.ReadNullableTime(next);
    }

    private object SignalParameters(RunSignal signal) => new
    {
        signal.SignalId,
        signal.RunId,
        Kind = signal.Kind.ToString(),
        signal.BookmarkId,
        signal.IncidentId,
        Payload = database.Json(RowJson.Text(signal.Payload)),
        signal.Actor,
        At = database.Time(signal.At),
        ByTimer = signal.ByTimer ? 1 : 0,
    };
}
