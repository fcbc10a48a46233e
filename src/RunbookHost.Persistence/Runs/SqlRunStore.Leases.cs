using Dapper;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Runs;

internal sealed partial class SqlRunStore
{
    public async Task<IReadOnlyList<string>> FindRunnableAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var ids = await connection.QueryAsync<string>(database.Command(RunSql.FindRunnable, new { Now = database.Time(now), Max = max }, null, cancellationToken));
        return ids.ToList();
    }

    public async Task<bool> TryAcquireLeaseAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForLeasesAsync(cancellationToken);
        return await database.ExecuteAsync(session, null, LeaseStatement(RunSql.AcquireLease, runId, owner, now, until), cancellationToken) == 1;
    }

    /// <summary>The lease taken and the run read in one statement (UPDATE ... RETURNING): one round trip where two would do.</summary>
    public async Task<AcquiredRun?> AcquireAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForLeasesAsync(cancellationToken);
        var row = await database.QuerySingleOrDefaultAsync<AcquiredRunRow>(session, LeaseStatement(RunSql.AcquireLeaseReturningRun, runId, owner, now, until), cancellationToken);
        return row is null ? null : new AcquiredRun(row.ToRecord(database), row.SignalsWaiting);
    }

    public async Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForLeasesAsync(cancellationToken);
        var statement = new SqlStatement(RunSql.RenewLease).Add("@RunId", runId).Add("@Owner", owner).Add("@Until", database.Time(until));
        return await database.ExecuteAsync(session, null, statement, cancellationToken) == 1;
    }

    public async Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForLeasesAsync(cancellationToken);
        await database.ExecuteAsync(session, null, new SqlStatement(RunSql.ReleaseLease).Add("@RunId", runId).Add("@Owner", owner), cancellationToken);
    }

    /// <summary>
    /// Taking a lease, on the session's prepared statements: it happens at the start of every execution,
    /// and Dapper would have the database compile its SQL each time.
    /// </summary>
    private SqlStatement LeaseStatement(string sql, string runId, string owner, DateTimeOffset now, DateTimeOffset until) =>
        new SqlStatement(sql).Add("@RunId", runId).Add("@Owner", owner).Add("@Now", database.Time(now)).Add("@Until", database.Time(until));
}
