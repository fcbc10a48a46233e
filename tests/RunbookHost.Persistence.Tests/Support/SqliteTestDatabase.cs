using Microsoft.Data.Sqlite;
using RunbookHost.Persistence.Sql;
using RunbookHost.Persistence.Sqlite;

namespace RunbookHost.Persistence.Tests.Support;

/// <summary>A fresh SQLite file in a temporary folder, deleted afterwards.</summary>
internal sealed class SqliteTestDatabase : SqlTestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runbook-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => ConnectionString = $"Data Source={Path.Combine(_folder, "runbook.db")}";

    public string ConnectionString { get; }

    protected override SqlDatabase OpenCore() => new SqliteDatabase(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
