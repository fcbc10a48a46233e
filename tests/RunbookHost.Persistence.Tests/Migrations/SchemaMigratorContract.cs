using Dapper;
using RunbookHost.Persistence.Migrations;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Migrations;

/// <summary>Migrations on each real database: from empty, re-run, racing migrators, and a schema from the future.</summary>
public abstract class SchemaMigratorContract
{
    private static readonly string[] Tables = ["definitions", "definition_versions", "runs", "journal", "bookmarks", "incidents", "signals", "audit_events"];

    private SqlTestDatabase? _database;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    private SqlTestDatabase Database => _database!;

    private protected abstract Task<SqlTestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken);

    private protected abstract string ProviderFolder { get; }

    [TestInitialize]
    public async Task InitializeAsync() => _database = await CreateEmptyDatabaseAsync(Ct);

    [TestCleanup]
    public async Task CleanupAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task MigrateAsync_EmptyDatabase_CreatesEveryTableAndJournalsTheScript()
    {
        await Database.CreateMigrator().MigrateAsync(Ct);

        foreach (string table in Tables)
        {
            Assert.AreEqual(0L, await ScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), table);
        }

        Assert.AreEqual(4L, await ScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
        Assert.AreEqual(4, Database.CreateMigrator().CodeVersion);
    }

    [TestMethod]
    public async Task MigrateAsync_FromVersion2WithAWaitingApproval_TheInboxShowsItWithItsWorkflowAndStarter()
    {
        // A database of the previous release: a run waits at an approval, stored without the v3 columns.
        await Database.CreateMigrator().MigrateAsync(upToVersion: 2, Ct);
        var database = Database.Open();
        var at = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        await using (var session = await database.OpenAsync(Ct))
        {
            var connection = session.Connection;
            await connection.ExecuteAsync(
                """
                INSERT INTO runs (run_id, definition_id, definition_version, status, started_by, started_at, updated_at, input, version, last_seq, last_hash, state)
                VALUES (@RunId, 'activation', 1, 'Suspended', 'olivia', @At, @At, @Input, 1, 0, @Hash, @State)
                """,
                new { RunId = "run-before", At = database.Time(at), Input = database.Json("{}"), Hash = JournalChain.Genesis, State = "{}"u8.ToArray() });
            await connection.ExecuteAsync(
                """
                INSERT INTO bookmarks (bookmark_id, run_id, activity_path, activity_id, name, hash, payload, created_at)
                VALUES ('gate-before', 'run-before', 'root/ask', 'ask', 'Approval', 'h', @Payload, @At)
                """,
                new { Payload = database.Json("""{"title":"Activate the standby?"}"""), At = database.Time(at) });
        }

        await Database.CreateMigrator().MigrateAsync(Ct);
        var gates = await new SqlRunStore(database).ListPendingGatesAsync(new PendingGateQuery(["Approval", "ManualStep"]), Ct);

        var gate = gates.Single();
        Assert.AreEqual("gate-before", gate.BookmarkId);
        Assert.AreEqual("activation", gate.DefinitionId);
        Assert.AreEqual("olivia", gate.StartedBy);
        Assert.AreEqual("Activate the standby?", gate.Payload["title"]!.ToString());
        Assert.AreEqual(at, gate.CreatedAt);
    }

    [TestMethod]
    public async Task MigrateAsync_FromVersion3WithAWaitingAndAResumedApproval_TheInboxListsOnlyTheWaitingOneAndTheJournalIsKept()
    {
        // A v3 database: two runs wait at an approval, one of them has its resume queued but not yet applied.
        await Database.CreateMigrator().MigrateAsync(upToVersion: 3, Ct);
        var database = Database.Open();
        var store = new SqlRunStore(database);
        var waiting = new RunScript("run-waiting", status: RunStatus.Suspended);
        await waiting.CommitAsync(store, Ct, addBookmarks: [waiting.Bookmark("gate-waiting")]);
        await waiting.CommitAsync(store, Ct);
        var resumed = new RunScript("run-resumed", status: RunStatus.Suspended, startedAt: RunScript.T0.AddSeconds(-5));
        await resumed.CommitAsync(store, Ct, addBookmarks: [resumed.Bookmark("gate-resumed")]);
        await using (var session = await database.OpenAsync(Ct))
        {
            await session.Connection.ExecuteAsync(
                """
                INSERT INTO signals (signal_id, run_id, kind, bookmark_id, payload, actor, at, by_timer)
                VALUES ('resume-1', 'run-resumed', 'Resume', 'gate-resumed', @Payload, 'bob', @At, 0)
                """,
                new { Payload = database.Json("""{"decision":"approve"}"""), At = database.Time(RunScript.T0) });
        }

        var journalBefore = await store.GetJournalAsync("run-waiting", 0, Ct);

        await Database.CreateMigrator().MigrateAsync(Ct);
        var upgraded = new SqlRunStore(Database.Open());
        var gates = await upgraded.ListPendingGatesAsync(new PendingGateQuery(["Approval", "ManualStep"]), Ct);

        Assert.AreEqual("gate-waiting", gates.Single().BookmarkId);
        Assert.AreEqual("activation", gates.Single().DefinitionId);
        Assert.AreEqual("gate-waiting", (await upgraded.GetBookmarksAsync(new BookmarkQuery(), Ct)).Single().BookmarkId);
        var journal = await upgraded.GetJournalAsync("run-waiting", 0, Ct);
        CollectionAssert.AreEqual(journalBefore.Select(r => (r.Seq, r.Hash, r.PrevHash, r.Message)).ToList(), journal.Select(r => (r.Seq, r.Hash, r.PrevHash, r.Message)).ToList());
        Assert.IsTrue(JournalVerifier.Verify(journal, waiting.Run.LastSeq, waiting.Run.LastHash).Valid);

        // After the upgrade the journal goes on where it stopped, and the queued resume is applied as before.
        await waiting.CommitAsync(upgraded, Ct);
        var signal = (await upgraded.GetSignalsAsync("run-resumed", Ct)).Single();
        await resumed.CommitAsync(upgraded, Ct, consumeBookmarks: ["gate-resumed"], consumeSignals: [signal.SignalId]);
        Assert.AreEqual(3, (await upgraded.GetJournalAsync("run-waiting", 0, Ct)).Count);
        Assert.AreEqual("gate-waiting", (await upgraded.ListPendingGatesAsync(new PendingGateQuery(["Approval"]), Ct)).Single().BookmarkId);
    }

    [TestMethod]
    public async Task MigrateAsync_SecondRun_AppliesNothingAndKeepsData()
    {
        await Database.CreateMigrator().MigrateAsync(Ct);
        var run = new RunScript("run-1");
        await run.CommitAsync(new SqlRunStore(Database.Open()), Ct);

        await Database.CreateMigrator().MigrateAsync(Ct);

        Assert.AreEqual(4L, await ScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
        Assert.AreEqual(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
    }

    [TestMethod]
    public async Task MigrateAsync_FourMigratorsInParallel_AllSucceedAndApplyEachScriptOnce()
    {
        var migrators = Enumerable.Range(0, 4).Select(_ => Database.CreateMigrator()).ToList();

        await Task.WhenAll(migrators.Select(m => Task.Run(() => m.MigrateAsync(Ct), Ct)));

        Assert.AreEqual(4L, await ScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
        Assert.AreEqual(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
    }

    [TestMethod]
    public async Task MigrateAsync_SchemaNewerThanCode_RefusedNamingBothVersions()
    {
        await Database.CreateMigrator().MigrateAsync(Ct);
        string future = $"RunbookHost.Persistence.Migrations.{ProviderFolder}.0042_FromTheFuture.sql";
        await using (var session = await Database.Open().OpenAsync(Ct))
        {
            await session.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schemaversions (scriptname, applied) VALUES (@Name, CURRENT_TIMESTAMP)", new { Name = future }, cancellationToken: Ct));
        }

        var error = await Assert.ThrowsExactlyAsync<SchemaTooNewException>(() => Database.CreateMigrator().MigrateAsync(Ct));

        Assert.AreEqual(42, error.DatabaseVersion);
        Assert.AreEqual(4, error.CodeVersion);
        StringAssert.Contains(error.Message, "version 42");
        StringAssert.Contains(error.Message, "up to 4");
        StringAssert.Contains(error.Message, "0042_FromTheFuture.sql");
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var session = await Database.Open().OpenAsync(Ct);
        var connection = session.Connection;
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, cancellationToken: Ct)) ?? throw new AssertFailedException("no value: " + sql);
    }
}

[TestClass]
public sealed class SqliteSchemaMigratorTests : SchemaMigratorContract
{
    private protected override string ProviderFolder => "Sqlite";

    private protected override Task<SqlTestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<SqlTestDatabase>(new SqliteTestDatabase());
}

[TestClass]
public sealed class PostgreSqlSchemaMigratorTests : SchemaMigratorContract
{
    private protected override string ProviderFolder => "PostgreSql";

    private protected override async Task<SqlTestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken) =>
        await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
}
