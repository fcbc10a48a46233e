using Dapper;
using RunbookHost.Persistence;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>The durability settings a store's connection actually runs with, read back from the database.</summary>
internal static class DatabaseSettings
{
    public static async Task<string> DescribeAsync(SqlDatabase database, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            string mode = await connection.ExecuteScalarAsync<string>(database.Command("PRAGMA journal_mode", null, null, cancellationToken)) ?? "?";
            long synchronous = await connection.ExecuteScalarAsync<long>(database.Command("PRAGMA synchronous", null, null, cancellationToken));
            string level = synchronous switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", _ => synchronous.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            return $"SQLite {connection.ServerVersion}, journal_mode={mode}, synchronous={level}";
        }

        string commit = await connection.ExecuteScalarAsync<string>(database.Command("SHOW synchronous_commit", null, null, cancellationToken)) ?? "?";
        string fsync = await connection.ExecuteScalarAsync<string>(database.Command("SHOW fsync", null, null, cancellationToken)) ?? "?";
        return $"PostgreSQL {connection.ServerVersion}, synchronous_commit={commit}, fsync={fsync}";
    }
}
