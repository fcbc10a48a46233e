using Microsoft.Extensions.Logging.Abstractions;
using RunbookHost.Persistence.Definitions;
using RunbookHost.Persistence.Migrations;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Stores.InMemory;

namespace RunbookHost.Persistence.Tests.Support;

/// <summary>An empty, migrated database for one test; each store it hands out is another "host" on it.</summary>
internal abstract class TestDatabase : IAsyncDisposable
{
    private readonly List<SqlDatabase> _opened = [];

    public abstract IRunStore CreateRunStore();

    public abstract IDefinitionStore CreateDefinitionStore();

    /// <summary>A new connection pool on this database, as a second host would have.</summary>
    public SqlDatabase Open()
    {
        var database = OpenCore();
        _opened.Add(database);
        return database;
    }

    public SchemaMigrator CreateMigrator() => new(Open(), NullLogger<SchemaMigrator>.Instance);

    protected virtual SqlDatabase OpenCore() => throw new NotSupportedException("An in-memory store has no database.");

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>The in-memory reference store: the behaviour every SQL store must match.</summary>
internal sealed class InMemoryTestDatabase : TestDatabase
{
    private readonly InMemoryRunStore _runs = new();
    private readonly InMemoryDefinitionStore _definitions = new();

    public override IRunStore CreateRunStore() => _runs;

    public override IDefinitionStore CreateDefinitionStore() => _definitions;
}

/// <summary>A SQL database (SQLite file or PostgreSQL schema) migrated to the current schema.</summary>
internal abstract class SqlTestDatabase : TestDatabase
{
    public override IRunStore CreateRunStore() => new SqlRunStore(Open());

    public override IDefinitionStore CreateDefinitionStore() => new SqlDefinitionStore(Open());

    public async Task<SqlTestDatabase> MigratedAsync(CancellationToken cancellationToken)
    {
        await CreateMigrator().MigrateAsync(cancellationToken);
        return this;
    }
}
