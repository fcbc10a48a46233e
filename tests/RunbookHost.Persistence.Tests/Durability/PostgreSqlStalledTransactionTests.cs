using Dapper;
using Npgsql;
using RunbookHost.Persistence.PostgreSql;
using RunbookHost.Persistence.Tests.Support;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// A host that freezes (or loses the network) in the middle of a commit must not keep the run's row
/// lock for ever: the server ends its idle transaction, so the host that adopts the run can commit.
/// </summary>
[TestClass]
public sealed class PostgreSqlStalledTransactionTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task OpenAsync_ConnectionStringWithoutIdleLimit_ServerEndsIdleTransactionsAfterTenSeconds()
    {
        var cancellationToken = TestContext.CancellationToken;
        await using var database = await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
        var sql = database.Open();
        await using var session = await sql.OpenAsync(cancellationToken);
        var connection = session.Connection;

        string limit = await connection.ExecuteScalarAsync<string>(sql.Command("SHOW idle_in_transaction_session_timeout", null, null, cancellationToken)) ?? "";

        Assert.AreEqual("10s", limit);
    }

    [TestMethod]
    public async Task CommitAsync_RunRowLockedByStalledHost_SucceedsOnceTheServerEndsTheStalledTransaction()
    {
        var cancellationToken = TestContext.CancellationToken;
        await using var database = await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
        await database.MigratedAsync(cancellationToken);
        var run = new RunScript("run-1");
        await run.CommitAsync(database.CreateRunStore(), cancellationToken);

        // The stalled host: a shorter limit of its own (kept as given), a commit begun and never finished.
        string stalledConnection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c idle_in_transaction_session_timeout=300" }.ConnectionString;
        await using var stalledHost = new PostgreSqlDatabase(stalledConnection);
        await using var session = await stalledHost.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await using var transaction = await stalledHost.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(stalledHost.Command("UPDATE runs SET updated_at = updated_at WHERE run_id = 'run-1'", null, transaction, cancellationToken));

        // The adopting host's commit waits for the row lock until the server ends the stalled transaction
        // (well before the default limit of 10 s would: the limit given in the connection string is kept).
        await run.CommitAsync(database.CreateRunStore(), cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);

        Assert.AreEqual(2L, (await database.CreateRunStore().GetAsync("run-1", cancellationToken))!.Version);
    }
}
