using Npgsql;
using RunbookHost.Persistence.PostgreSql;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Persistence.Tests.Support;

/// <summary>
/// A fresh schema in the database named by <c>RUNBOOK_TEST_POSTGRES</c>, dropped afterwards, so
/// that tests never see each other's rows. Without the variable the test is reported inconclusive.
/// </summary>
internal sealed class PostgreSqlTestDatabase : SqlTestDatabase
{
    public const string EnvironmentVariable = "RUNBOOK_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    private PostgreSqlTestDatabase(string adminConnectionString, string schema)
    {
        _adminConnectionString = adminConnectionString;
        Schema = schema;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public string Schema { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// The environment that points a host process at this schema. Through the environment, not the
    /// command line: the connection string carries a password, command lines are visible to every user.
    /// </summary>
    public IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>
    {
        ["Runbook__Database__Provider"] = "PostgreSql",
        ["Runbook__Database__ConnectionString"] = ConnectionString,
    };

    /// <summary>The connection string from the environment; marks the test inconclusive when it is missing.</summary>
    public static string RequireConnectionString()
    {
        string? connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Inconclusive($"{EnvironmentVariable} is not set: run .ci/postgres.sh and export its last line to run the PostgreSQL tests");
        }

        return connectionString!;
    }

    public static async Task<PostgreSqlTestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        string admin = RequireConnectionString();
        string schema = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE SCHEMA {schema}", cancellationToken);
        return new PostgreSqlTestDatabase(admin, schema);
    }

    protected override SqlDatabase OpenCore() => new PostgreSqlDatabase(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_adminConnectionString, $"DROP SCHEMA IF EXISTS {Schema} CASCADE", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
