using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using RunbookHost.Persistence.PostgreSql;
using RunbookHost.Persistence.Sql;
using RunbookHost.Persistence.Sqlite;

namespace RunbookHost.Persistence.Migrations;

/// <summary>
/// Keeps two processes from migrating one database at once: a PostgreSQL session advisory lock,
/// or for SQLite an exclusive lock on a file beside the database.
/// </summary>
internal static class MigrationLock
{
    /// <summary>Arbitrary but fixed: every RunbookHost build must agree on it.</summary>
    private const long AdvisoryKey = 0x5242_4D49_4752; // "RBMIGR"

    private static readonly TimeSpan FileLockTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FileLockPoll = TimeSpan.FromMilliseconds(25);

    public static Task<IAsyncDisposable> AcquireAsync(SqlDatabase database, ILogger logger, CancellationToken cancellationToken) => database switch
    {
        PostgreSqlDatabase postgres => AcquireAdvisoryAsync(postgres, logger, cancellationToken),
        SqliteDatabase { FilePath: { } file } => AcquireFileAsync(file + ".migrate.lock", logger, cancellationToken),
        _ => Task.FromResult<IAsyncDisposable>(NoLock.Instance),
    };

    private static async Task<IAsyncDisposable> AcquireAdvisoryAsync(PostgreSqlDatabase database, ILogger logger, CancellationToken cancellationToken)
    {
        var session = await database.OpenAsync(cancellationToken);
        var connection = (NpgsqlConnection)session.Connection;
        try
        {
            var key = new { Key = AdvisoryKey };
            bool taken = await connection.ExecuteScalarAsync<bool>(database.Command("SELECT pg_try_advisory_lock(@Key)", key, null, cancellationToken));
            if (!taken)
            {
                Log.WaitingForMigrationLock(logger, "the PostgreSQL database");
                await connection.ExecuteAsync(database.Command("SELECT pg_advisory_lock(@Key)", key, null, cancellationToken));
            }

            return new Releaser(async () =>
            {
                await connection.ExecuteAsync(database.Command("SELECT pg_advisory_unlock(@Key)", key, null, CancellationToken.None));
                await session.DisposeAsync();
            });
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private static async Task<IAsyncDisposable> AcquireFileAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        bool logged = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows: both cross-process.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Releaser(() => stream.DisposeAsync());
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) < FileLockTimeout)
            {
                if (!logged)
                {
                    Log.WaitingForMigrationLock(logger, path);
                    logged = true;
                }

                await Task.Delay(FileLockPoll, cancellationToken);
            }
        }
    }

    private sealed class Releaser(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
