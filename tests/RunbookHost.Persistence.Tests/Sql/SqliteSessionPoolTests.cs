using Dapper;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sql;
using RunbookHost.Persistence.Sqlite;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Sql;

/// <summary>
/// SQLite's own connection pool and the statements each connection keeps prepared: reused statements bind
/// each call's values, hosts with their own pools see each other's commits, and a connection comes back to
/// the pool only when idle.
/// </summary>
[TestClass]
public sealed class SqliteSessionPoolTests
{
    private SqliteTestDatabase _database = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestInitialize]
    public async Task InitializeAsync() => _database = await MigratedAsync(Ct);

    [TestCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    private static async Task<SqliteTestDatabase> MigratedAsync(CancellationToken cancellationToken)
    {
        var database = new SqliteTestDatabase();
        await database.MigratedAsync(cancellationToken);
        return database;
    }

    [TestMethod]
    public async Task Sessions_LeaseWritesDoNotWaitForTheDisk_CommitsAlwaysDoEvenAfterLeaseSessionsWereUsed()
    {
        await using var database = (SqliteDatabase)_database.Open();
        var store = new SqlRunStore(database);
        var run = new RunScript("run-1");
        await run.CommitAsync(store, Ct);

        // Use lease sessions (they go back to their pool), then take every kind of session again.
        Assert.IsTrue(await store.TryAcquireLeaseAsync("run-1", "host-a", RunScript.T0, RunScript.T0.AddMinutes(1), Ct));
        Assert.IsTrue(await store.RenewLeaseAsync("run-1", "host-a", RunScript.T0.AddMinutes(2), Ct));
        await store.ReleaseLeaseAsync("run-1", "host-a", Ct);

        await using (var lease = await database.OpenForLeasesAsync(Ct))
        await using (var commit = await database.OpenAsync(Ct))
        {
            Assert.AreEqual(1L, await Synchronous(lease), "NORMAL: a lease write may be undone by a power loss");
            Assert.AreEqual(2L, await Synchronous(commit), "FULL: a commit is on the disk before it returns");
        }

        for (int i = 0; i < 3; i++)
        {
            await using var again = await database.OpenAsync(Ct);
            Assert.AreEqual(2L, await Synchronous(again), "a pooled commit connection is never a lease one");
        }

        static Task<long> Synchronous(SqlSession session) => session.Connection.ExecuteScalarAsync<long>("PRAGMA synchronous");
    }

    [TestMethod]
    public async Task CommitAsync_RunsAlternatingBetweenTwoHosts_EveryCommitStoresItsOwnValues()
    {
        // Each host has its own pool, so each compiles the statements once and re-binds them for every commit.
        var hosts = new[] { new SqlRunStore(_database.Open()), new SqlRunStore(_database.Open()) };
        var runs = new[] { new RunScript("run-a"), new RunScript("run-b") };
        var committed = new Dictionary<string, List<JournalRecord>> { ["run-a"] = [], ["run-b"] = [] };
        for (int step = 0; step < 12; step++)
        {
            var run = runs[step % 2];
            var commit = run.Build(r => r with { Status = step >= 10 ? RunStatus.Completed : RunStatus.Running, Fault = "fault " + step }, records: 1 + (step % 3));
            await hosts[(step / 2) % 2].CommitAsync(commit, Ct);
            run.Accept(commit);
            committed[run.RunId].AddRange(commit.Journal);
        }

        foreach (var run in runs)
        {
            foreach (var host in hosts)
            {
                var stored = await host.GetAsync(run.RunId, Ct);
                Assert.IsNotNull(stored);
                Assert.AreEqual(run.Run.Version, stored.Version);
                Assert.AreEqual(run.Run.LastHash, stored.LastHash);
                Assert.AreEqual(run.Run.Fault, stored.Fault);
                Assert.AreEqual(RunStatus.Completed, stored.Status);
                var journal = await host.GetJournalAsync(run.RunId, 0, Ct);
                CollectionAssert.AreEqual(committed[run.RunId].Select(r => (r.Seq, r.Hash, r.Message)).ToList(), journal.Select(r => (r.Seq, r.Hash, r.Message)).ToList());
                Assert.IsTrue(JournalVerifier.Verify(journal, stored.LastSeq, stored.LastHash).Valid, run.RunId);
            }
        }
    }

    [TestMethod]
    public async Task CommitAsync_RefusedOnAPreparedStatement_TheConnectionsNextCommitApplies()
    {
        var database = _database.Open();
        var store = new SqlRunStore(database);
        var run = new RunScript("run-1");
        await run.CommitAsync(store, Ct);
        await run.CommitAsync(store, Ct);
        var next = run.Build();
        var staleCommit = next with { Run = next.Run with { Version = 2 } }; // as if version 1 were still current

        await Assert.ThrowsExactlyAsync<RunConcurrencyException>(() => store.CommitAsync(staleCommit, Ct));
        await run.CommitAsync(store, Ct);

        Assert.AreEqual(3, (await store.GetAsync("run-1", Ct))!.Version);
        Assert.AreEqual(1, ((SqliteDatabase)database).IdleConnections, "the one connection went back to the pool each time");
    }

    [TestMethod]
    public async Task Session_GivenBackWithItsTransactionOpen_IsClosedAndItsWriteRolledBack()
    {
        var database = (SqliteDatabase)_database.Open();
        var session = await database.OpenAsync(Ct);
        var transaction = await database.BeginWriteAsync(session.Connection, Ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_events (event_id, at, actor, action, target) VALUES ('e1', 'now', 'a', 'b', 'c')", transaction: transaction, cancellationToken: Ct));

        await session.DisposeAsync();

        Assert.AreEqual(0, database.IdleConnections, "a connection inside a transaction is not pooled");
        await using var next = await database.OpenAsync(Ct);
        await using var write = await database.BeginWriteAsync(next.Connection, Ct); // the write lock was released with the connection
        Assert.AreEqual(0L, await next.Connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM audit_events", transaction: write, cancellationToken: Ct)));
        GC.KeepAlive(transaction);
    }

    [TestMethod]
    public async Task Statements_MoreTextsThanTheCapacity_RunsEveryOneAndKeepsAtMostTheCapacity()
    {
        var database = _database.Open();
        await using var session = await database.OpenAsync(Ct);
        for (int i = 0; i < PreparedStatements.Capacity + 8; i++)
        {
            var insert = new SqlStatement($"INSERT INTO audit_events (event_id, at, actor, action, target) VALUES (@Id, @At, 'a', 'text {i}', 't')", 1)
                .Add("@Id", "e" + i).Add("@At", "now");
            Assert.AreEqual(1, await database.ExecuteAsync(session, null, insert, Ct));
        }

        Assert.AreEqual(PreparedStatements.Capacity, session.Statements!.Count);
        Assert.AreEqual(PreparedStatements.Capacity + 8L, await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM audit_events", cancellationToken: Ct)));
    }

    [TestMethod]
    public async Task Statements_SchemaChangedByAnotherConnection_ThePreparedStatementStillRuns()
    {
        var database = _database.Open();
        var insert = new SqlStatement("INSERT INTO audit_events (event_id, at, actor, action, target) VALUES (@Id, 'now', 'a', 'b', 't')", 1);
        await using (var session = await database.OpenAsync(Ct))
        {
            await database.ExecuteAsync(session, null, new SqlStatement(insert.Sql).Add("@Id", "before"), Ct);
        }

        await using (var other = await _database.Open().OpenAsync(Ct))
        {
            await other.Connection.ExecuteAsync(new CommandDefinition("ALTER TABLE audit_events ADD COLUMN extra TEXT NULL", cancellationToken: Ct));
        }

        await using (var session = await database.OpenAsync(Ct))
        {
            Assert.AreEqual(1, await database.ExecuteAsync(session, null, new SqlStatement(insert.Sql).Add("@Id", "after"), Ct));
            Assert.AreEqual(2L, await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM audit_events", cancellationToken: Ct)));
        }
    }

    [TestMethod]
    public async Task Dispose_ClosesTheIdleConnectionsAndRefusesNewSessions()
    {
        var database = (SqliteDatabase)_database.Open();
        var first = await database.OpenAsync(Ct);
        var second = await database.OpenAsync(Ct);
        await first.DisposeAsync();
        Assert.AreEqual(1, database.IdleConnections);

        await database.DisposeAsync();
        await second.DisposeAsync(); // given back after the database was disposed: closed, not pooled

        Assert.AreEqual(0, database.IdleConnections);
        await Assert.ThrowsExactlyAsync<ObjectDisposedException>(() => database.OpenAsync(Ct));
    }
}
