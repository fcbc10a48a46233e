using Dapper;
using Microsoft.Extensions.Logging;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Persistence.Retention;

/// <summary>How many rows a retention purge removed.</summary>
internal sealed record RetentionResult(int Runs, int JournalRecords, int Bookmarks, int Incidents, int Signals);

/// <summary>
/// Deletes finished runs older than a cutoff with their journal, bookmarks, incidents and signals,
/// in one transaction. Only ever called explicitly (an admin verb or a scheduled job), never by the engine.
/// Definitions are never purged, so every version a remaining run started on stays readable.
/// </summary>
internal sealed class RunRetention(SqlDatabase database, TimeProvider timeProvider, ILogger<RunRetention> logger)
{
    private const string Expired = "SELECT run_id FROM runs WHERE finished_at IS NOT NULL AND finished_at < @Cutoff";

    /// <summary>Purges runs that finished more than <paramref name="age"/> ago.</summary>
    public Task<RetentionResult> PurgeFinishedRunsAsync(TimeSpan age, CancellationToken cancellationToken) =>
        PurgeFinishedRunsAsync(timeProvider.GetUtcNow() - age, cancellationToken);

    /// <summary>Purges runs that finished before <paramref name="cutoff"/>.</summary>
    public async Task<RetentionResult> PurgeFinishedRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var parameters = new { Cutoff = database.Time(cutoff) };
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);

        // Lock the expired runs first (PostgreSQL) so that no signal or commit slips in between the deletes.
        await connection.ExecuteAsync(database.Command(Expired + database.ForUpdate, parameters, transaction, cancellationToken));
        int signals = await DeleteAsync("DELETE FROM signals WHERE run_id IN (" + Expired + ")");
        int incidents = await DeleteAsync("DELETE FROM incidents WHERE run_id IN (" + Expired + ")");
        int bookmarks = await DeleteAsync("DELETE FROM bookmarks WHERE run_id IN (" + Expired + ")");
        int journal = await DeleteAsync("DELETE FROM journal WHERE run_id IN (" + Expired + ")");
        int runs = await DeleteAsync("DELETE FROM runs WHERE finished_at IS NOT NULL AND finished_at < @Cutoff");
        await transaction.CommitAsync(cancellationToken);

        Log.RetentionPurged(logger, runs, cutoff, journal, bookmarks, incidents, signals);
        return new RetentionResult(runs, journal, bookmarks, incidents, signals);

        Task<int> DeleteAsync(string sql) => connection.ExecuteAsync(database.Command(sql, parameters, transaction, cancellationToken));
    }
}
