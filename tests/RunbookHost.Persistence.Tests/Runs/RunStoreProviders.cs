using RunbookHost.Persistence.Tests.Support;

namespace RunbookHost.Persistence.Tests.Runs;

[TestClass]
public sealed class InMemoryRunStoreTests : RunStoreContract
{
    private protected override Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<TestDatabase>(new InMemoryTestDatabase());
}

[TestClass]
public sealed class SqliteRunStoreTests : RunStoreContract
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await new SqliteTestDatabase().MigratedAsync(cancellationToken);
}

[TestClass]
public sealed class PostgreSqlRunStoreTests : RunStoreContract
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await (await PostgreSqlTestDatabase.CreateAsync(cancellationToken)).MigratedAsync(cancellationToken);
}
