using System.Data.Common;

namespace RunbookHost.Persistence.Sql;

/// <summary>
/// A connection taken from a <see cref="SqlDatabase"/> for one unit of work (a commit, a query); disposing
/// the session gives the connection back. Where the database keeps prepared statements (SQLite), the
/// connection goes back to the database's own pool with the statements it compiled, so the next unit of work
/// on it binds and runs them instead of compiling the same SQL again.
/// </summary>
internal sealed class SqlSession : IAsyncDisposable
{
    private readonly SqlDatabase _database;
    private int _released;

    internal SqlSession(SqlDatabase database, DbConnection connection, PreparedStatements? statements, bool forLeases = false)
    {
        _database = database;
        Connection = connection;
        Statements = statements;
        ForLeases = forLeases;
    }

    /// <summary>Opened by <see cref="SqlDatabase.OpenForLeasesAsync"/>: its writes need not reach the disk at once.</summary>
    internal bool ForLeases { get; }

    public DbConnection Connection { get; }

    /// <summary>The statements this connection keeps prepared; null where the provider keeps none.</summary>
    internal PreparedStatements? Statements { get; }

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? _database.ReleaseAsync(this) : ValueTask.CompletedTask;
}
