using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RunbookHost.Persistence.Definitions;
using RunbookHost.Persistence.Retention;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Retention;

/// <summary>Retention purges on each real database.</summary>
public abstract class RunRetentionContract
{
    private SqlTestDatabase? _database;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    private protected abstract Task<SqlTestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    [TestInitialize]
    public async Task InitializeAsync() => _database = await (await CreateDatabaseAsync(Ct)).MigratedAsync(Ct);

    [TestCleanup]
    public async Task CleanupAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task PurgeFinishedRunsAsync_RunFinishedBeforeCutoff_DeletedWithEverythingItOwns()
    {
        var store = new SqlRunStore(_database!.Open());
        var definitions = new SqlDefinitionStore(_database.Open());
        await definitions.SaveDraftAsync(WorkflowJson.Parse("""{"definitionId":"activation","root":{"id":"f","type":"Flowchart","activities":[],"connections":[]}}"""), RunScript.T0, Ct);

        var old = new RunScript("old", startedAt: RunScript.T0, status: RunStatus.Faulted);
        await old.CommitAsync(store, Ct, addBookmarks: [old.Bookmark("b-old")], incidents: [old.Incident("i-old")]);
        Assert.AreEqual(SignalResult.Accepted, await store.EnqueueSignalAsync(old.Signal(SignalKind.Resume, bookmarkId: "b-old"), Ct));
        await old.CommitAsync(store, Ct, r => r with { FinishedAt = r.UpdatedAt });

        var recent = new RunScript("recent", startedAt: RunScript.T0.AddDays(40), status: RunStatus.Completed);
        await recent.CommitAsync(store, Ct, r => r with { FinishedAt = r.StartedAt }, addBookmarks: [recent.Bookmark("b-recent")]);
        var waiting = new RunScript("waiting", startedAt: RunScript.T0, status: RunStatus.Suspended);
        await waiting.CommitAsync(store, Ct, addBookmarks: [waiting.Bookmark("b-waiting")]);

        var clock = new FakeTimeProvider(RunScript.T0.AddDays(60));
        var retention = new RunRetention(_database.Open(), clock, NullLogger<RunRetention>.Instance);

        var purged = await retention.PurgeFinishedRunsAsync(TimeSpan.FromDays(30), Ct);

        Assert.AreEqual(new RetentionResult(Runs: 1, JournalRecords: 2, Bookmarks: 1, Incidents: 1, Signals: 1), purged);
        Assert.IsNull(await store.GetAsync("old", Ct));
        Assert.IsEmpty(await store.GetJournalAsync("old", 0, Ct));
        Assert.IsNull(await store.FindBookmarkAsync("b-old", Ct));
        Assert.IsEmpty(await store.GetIncidentsAsync("old", Ct));
        Assert.IsEmpty(await store.GetSignalsAsync("old", Ct));
        Assert.IsNotNull(await store.GetAsync("recent", Ct));
        Assert.HasCount(1, await store.GetJournalAsync("recent", 0, Ct));
        Assert.IsNotNull(await store.FindBookmarkAsync("b-waiting", Ct));
        Assert.IsNotNull(await definitions.GetAsync("activation", 1, Ct), "definitions are never purged");
    }

    [TestMethod]
    public async Task PurgeFinishedRunsAsync_NothingOldEnough_DeletesNothing()
    {
        var store = new SqlRunStore(_database!.Open());
        var run = new RunScript("done", status: RunStatus.Completed);
        await run.CommitAsync(store, Ct, r => r with { FinishedAt = r.StartedAt });
        var retention = new RunRetention(_database.Open(), new FakeTimeProvider(RunScript.T0.AddDays(10)), NullLogger<RunRetention>.Instance);

        var purged = await retention.PurgeFinishedRunsAsync(TimeSpan.FromDays(30), Ct);

        Assert.AreEqual(new RetentionResult(0, 0, 0, 0, 0), purged);
        Assert.IsNotNull(await store.GetAsync("done", Ct));
    }
}

[TestClass]
public sealed class SqliteRunRetentionTests : RunRetentionContract
{
    private protected override Task<SqlTestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<SqlTestDatabase>(new SqliteTestDatabase());
}

[TestClass]
public sealed class PostgreSqlRunRetentionTests : RunRetentionContract
{
    private protected override async Task<SqlTestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
}
