using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using RunbookHost.Persistence.Migrations;
using RunbookHost.Persistence.Retention;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sql;
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

    /// <summary>The newest schema version of the provider's scripts (SQLite has v5, its journal layout; PostgreSQL stops at v4).</summary>
    private protected abstract int NewestVersion { get; }

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

        Assert.AreEqual((long)NewestVersion, await ScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
        Assert.AreEqual(NewestVersion, Database.CreateMigrator().CodeVersion);
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
        var waiting = new RunScript("run-waiting", status: RunStatus.Suspended);
        await WriteAsBeforeV5Async(database, waiting, addBookmarks: [waiting.Bookmark("gate-waiting")]);
        await WriteAsBeforeV5Async(database, waiting);
        var resumed = new RunScript("run-resumed", status: RunStatus.Suspended, startedAt: RunScript.T0.AddSeconds(-5));
        await WriteAsBeforeV5Async(database, resumed, addBookmarks: [resumed.Bookmark("gate-resumed")]);
        await using (var session = await database.OpenAsync(Ct))
        {
            await session.Connection.ExecuteAsync(
                """
                INSERT INTO signals (signal_id, run_id, kind, bookmark_id, payload, actor, at, by_timer)
                VALUES ('resume-1', 'run-resumed', 'Resume', 'gate-resumed', @Payload, 'bob', @At, 0)
                """,
                new { Payload = database.Json("""{"decision":"approve"}"""), At = database.Time(RunScript.T0) });
        }

        var journalBefore = waiting.Committed;

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
    public async Task MigrateAsync_FromVersion4WithInterleavedJournals_EachRunKeepsItsChainAndGoesOn()
    {
        // A v4 database: two runs committed in turn, so their records are interleaved, one of them finished.
        await Database.CreateMigrator().MigrateAsync(upToVersion: 4, Ct);
        var database = Database.Open();
        var first = new RunScript("run-first");
        var second = new RunScript("run-second", startedAt: RunScript.T0.AddSeconds(2));
        for (int i = 0; i < 3; i++)
        {
            await WriteAsBeforeV5Async(database, first);
            await WriteAsBeforeV5Async(database, second, finish: i == 2);
        }

        await Database.CreateMigrator().MigrateAsync(Ct);
        var store = new SqlRunStore(Database.Open());

        foreach (var run in new[] { first, second })
        {
            var journal = await store.GetJournalAsync(run.RunId, 0, Ct);
            CollectionAssert.AreEqual(run.Committed.Select(r => (r.Seq, r.At, r.Kind, r.Message, r.Data?.ToJsonString(), r.Hash, r.PrevHash)).ToList(),
                journal.Select(r => (r.Seq, r.At, r.Kind, r.Message, r.Data?.ToJsonString(), r.Hash, r.PrevHash)).ToList(), run.RunId);
            Assert.IsTrue(JournalVerifier.Verify(journal, run.LastSeq, run.Run.LastHash).Valid, run.RunId);
        }

        // The upgraded run appends where it stopped, a new run starts, and retention purges the finished one.
        await first.CommitAsync(store, Ct);
        var third = new RunScript("run-third");
        await third.CommitAsync(store, Ct);
        await third.CommitAsync(store, Ct);
        Assert.AreEqual(4, (await store.GetJournalAsync("run-first", 0, Ct)).Count);
        Assert.IsTrue(JournalVerifier.Verify(await store.GetJournalAsync("run-first", 0, Ct), first.LastSeq, first.Run.LastHash).Valid);
        Assert.AreEqual(2, (await store.GetJournalAsync("run-third", 0, Ct)).Count);
        var purged = await new RunRetention(Database.Open(), TimeProvider.System, NullLogger<RunRetention>.Instance)
            .PurgeFinishedRunsAsync(RunScript.T0.AddDays(1), Ct);
        Assert.AreEqual((1, 3), (purged.Runs, purged.JournalRecords));
        Assert.IsEmpty(await store.GetJournalAsync("run-second", 0, Ct));
        Assert.AreEqual(4, (await store.GetJournalAsync("run-first", 0, Ct)).Count);
    }

    /// <summary>
    /// Writes <paramref name="run"/>'s next commit as the store did before schema v5, with the columns the runs, journal
    /// and bookmarks tables had then (the store now writes v5's), and accepts it.
    /// </summary>
    private async Task WriteAsBeforeV5Async(SqlDatabase database, RunScript run, IReadOnlyList<Bookmark>? addBookmarks = null, bool finish = false)
    {
        var commit = run.Build(r => finish ? r with { Status = RunStatus.Completed, FinishedAt = r.UpdatedAt.AddSeconds(1) } : r, addBookmarks: addBookmarks);
        var next = commit.Run;
        await using (var session = await database.OpenAsync(Ct))
        {
            var connection = session.Connection;
            var row = new
            {
                next.RunId, next.DefinitionId, next.DefinitionVersion, Status = next.Status.ToString(), next.StartedBy,
                StartedAt = database.Time(next.StartedAt), FinishedAt = database.Time(next.FinishedAt), UpdatedAt = database.Time(next.UpdatedAt),
                Input = database.Json(next.Input.ToJsonString()), next.Version, next.LastSeq, next.LastHash, next.State,
            };
            await connection.ExecuteAsync(next.Version == 1
                ? """
                  INSERT INTO runs (run_id, definition_id, definition_version, status, started_by, started_at, finished_at, updated_at, input, version, last_seq, last_hash, state)
                  VALUES (@RunId, @DefinitionId, @DefinitionVersion, @Status, @StartedBy, @StartedAt, @FinishedAt, @UpdatedAt, @Input, @Version, @LastSeq, @LastHash, @State)
                  """
                : """
                  UPDATE runs SET status = @Status, finished_at = @FinishedAt, updated_at = @UpdatedAt, version = @Version, last_seq = @LastSeq, last_hash = @LastHash, state = @State
                  WHERE run_id = @RunId
                  """, row);
            foreach (var record in commit.Journal)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO journal (run_id, seq, at, kind, activity_id, actor, message, data, hash, prev_hash)
                    VALUES (@RunId, @Seq, @At, @Kind, @ActivityId, @Actor, @Message, @Data, @Hash, @PrevHash)
                    """,
                    new
                    {
                        next.RunId, record.Seq, At = database.Time(record.At), record.Kind, record.ActivityId, record.Actor, record.Message,
                        Data = database.Json(record.Data?.ToJsonString()), record.Hash, record.PrevHash,
                    });
            }

            foreach (var bookmark in commit.AddBookmarks)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO bookmarks (bookmark_id, run_id, activity_path, activity_id, name, hash, payload, created_at, definition_id, started_by)
                    VALUES (@BookmarkId, @RunId, @ActivityPath, @ActivityId, @Name, @Hash, @Payload, @CreatedAt, @DefinitionId, @StartedBy)
                    """,
                    new
                    {
                        bookmark.BookmarkId, next.RunId, bookmark.ActivityPath, bookmark.ActivityId, bookmark.Name, bookmark.Hash,
                        Payload = database.Json(bookmark.Payload.ToJsonString()), CreatedAt = database.Time(bookmark.CreatedAt), next.DefinitionId, next.StartedBy,
                    });
            }
        }

        run.Accept(commit);
    }

    [TestMethod]
    public async Task MigrateAsync_SecondRun_AppliesNothingAndKeepsData()
    {
        await Database.CreateMigrator().MigrateAsync(Ct);
        var run = new RunScript("run-1");
        await run.CommitAsync(new SqlRunStore(Database.Open()), Ct);

        await Database.CreateMigrator().MigrateAsync(Ct);

        Assert.AreEqual((long)NewestVersion, await ScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
        Assert.AreEqual(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
    }

    [TestMethod]
    public async Task MigrateAsync_FourMigratorsInParallel_AllSucceedAndApplyEachScriptOnce()
    {
        var migrators = Enumerable.Range(0, 4).Select(_ => Database.CreateMigrator()).ToList();

        await Task.WhenAll(migrators.Select(m => Task.Run(() => m.MigrateAsync(Ct), Ct)));

        Assert.AreEqual((long)NewestVersion, await ScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
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
        Assert.AreEqual(NewestVersion, error.CodeVersion);
        StringAssert.Contains(error.Message, "version 42");
        StringAssert.Contains(error.Message, $"up to {NewestVersion}");
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

    private protected override int NewestVersion => 5;

    private protected override Task<SqlTestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<SqlTestDatabase>(new SqliteTestDatabase());
}

[TestClass]
public sealed class PostgreSqlSchemaMigratorTests : SchemaMigratorContract
{
    private protected override string ProviderFolder => "PostgreSql";

    private protected override int NewestVersion => 4;

    private protected override async Task<SqlTestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken) =>
        await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
}
