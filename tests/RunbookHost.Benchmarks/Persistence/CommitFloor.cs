using System.Diagnostics;
using Dapper;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>
/// The least a durable write can cost on a database: a single-row UPDATE committed the way the run
/// store commits (its pooled connection opening, its write transaction: BEGIN IMMEDIATE on SQLite,
/// READ COMMITTED on PostgreSQL; the statement run as the store runs its own, prepared once per connection
/// where the store keeps prepared statements), on a table of its own beside the store's.
/// </summary>
internal sealed class CommitFloor(SqlDatabase database)
{
    private const string Create = "CREATE TABLE bench_floor (id INTEGER NOT NULL PRIMARY KEY, n BIGINT NOT NULL)";
    private const string Seed = "INSERT INTO bench_floor (id, n) VALUES (1, 0)";
    private const string Update = "UPDATE bench_floor SET n = n + 1 WHERE id = 1";

    /// <summary>Run as the store runs its statements: on the connection's kept (prepared) commands where it keeps them.</summary>
    private static readonly SqlStatement UpdateStatement = new(Update, expectedRows: 1);

    public static async Task<CommitFloor> CreateAsync(SqlDatabase database, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await connection.ExecuteAsync(database.Command(Create, null, null, cancellationToken));
        await connection.ExecuteAsync(database.Command(Seed, null, null, cancellationToken));
        return new CommitFloor(database);
    }

    /// <summary>One committed single-row update, timed from opening the connection to the end of the commit.</summary>
    public async Task<TimeSpan> CommitOnceAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            var connection = session.Connection;
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
            int changed = await database.ExecuteAsync(session, transaction, UpdateStatement, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (changed != 1)
            {
                throw new InvalidOperationException($"The floor's UPDATE changed {changed} rows, expected 1.");
            }
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary><paramref name="commits"/> updates one after another; the total time.</summary>
    public async Task<TimeSpan> CommitManyAsync(int commits, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < commits; i++)
        {
            await CommitOnceAsync(cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
