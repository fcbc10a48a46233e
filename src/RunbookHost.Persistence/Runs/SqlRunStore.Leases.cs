using Dapper;
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
        var connection = session.Connection;
        var parameters = new { RunId = runId, Owner = owner, Now = database.Time(now), Until = database.Time(until) };
        return await connection.ExecuteAsync(database.Command(RunSql.AcquireLease, parameters, null, cancellationToken)) == 1;
    }

    /// <summary>The lease taken and the run read in one statement (UPDATE ... RETURNING): one round trip where two would do.</summary>
    public async Task<AcquiredRun?> AcquireAsync(string runId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForLeasesAsync(cancellationToken);
        var connection = session.Connection;
        var parameters = new { RunId = runId, Owner = owner, Now = database.Time(now), Until = database.Time(until) };
        var row = await connection.QuerySingleOrDefaultAsync<AcquiredRunRow>(database.Command(RunSql.AcquireLeaseReturningRun, parameters, null, cancellationToken));
        return row is null ? null : new AcquiredRun(row.ToRecord(database), row.SignalsWaiting);
    }

    public async Task<bool> RenewLeaseAsync(string runId, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForLeasesAsync(cancellationToken);
        var connection = session.Connection;
        var parameters = new { RunId = runId, Owner = owner, Until = database.Time(until) };
        return await connection.ExecuteAsync(database.Command(RunSql.RenewLease, parameters, null, cancellationToken)) == 1;
    }

    public async Task ReleaseLeaseAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenForLeasesAsync(cancellationToken);
        var connection = session.Connection;
        await connection.ExecuteAsync(database.Command(RunSql.ReleaseLease, new { RunId = runId, Owner = owner }, null, cancellationToken));
    }
}
