using Npgsql;
using RunbookHost.Persistence;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>A database of the suite's own, removed afterwards: an SQLite file in a temp folder, or a fresh PostgreSQL schema.</summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "RUNBOOK_TEST_POSTGRES";

    public abstract DatabaseProvider Provider { get; }

    /// <summary>What the store is given as <c>Runbook:Database:ConnectionString</c>.</summary>
    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();

    public static BenchDatabase Sqlite() => new SqliteFile();

    /// <summary>A fresh schema in the database <see cref="PostgresVariable"/> names, or null with the reason when it is not set.</summary>
    public static async Task<(BenchDatabase? Database, string? Skipped)> PostgresAsync(CancellationToken cancellationToken)
    {
        string? admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            return (null, $"{PostgresVariable} is not set (run .ci/postgres.sh and export its last line)");
        }

        string schema = "bench_" + Guid.NewGuid().ToString("N");
        await ExecutePostgresAsync(admin, $"CREATE SCHEMA {schema}", cancellationToken);
        return (new PostgresSchema(admin, schema), null);
    }

    /// <summary>One statement on its own connection to PostgreSQL, outside the store.</summary>
    public static async Task ExecutePostgresAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class SqliteFile : BenchDatabase
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("runbook-bench-").FullName;

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string ConnectionString => $"Data Source={Path.Combine(_folder, "persistence.db")}";

        public override ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresSchema(string admin, string schema) : BenchDatabase
    {
        public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        public override string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ConnectionString;

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecutePostgresAsync(admin, $"DROP SCHEMA IF EXISTS {schema} CASCADE", CancellationToken.None);
        }
    }
}
