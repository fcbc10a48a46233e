using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Definitions;

/// <summary>What every <see cref="IDefinitionStore"/> must do: the in-memory reference, SQLite and PostgreSQL.</summary>
public abstract class DefinitionStoreContract
{
    private static readonly DateTimeOffset SavedAt = RunScript.T0;

    private TestDatabase? _database;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    private IDefinitionStore Store { get; set; } = null!;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    [TestInitialize]
    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync(Ct);
        Store = _database.CreateDefinitionStore();
    }

    [TestCleanup]
    public async Task CleanupAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static WorkflowDefinition Definition(string id, string name) => WorkflowJson.Parse($$"""
        {
          "definitionId": "{{id}}", "name": "{{name}}", "description": "Site activation ✓",
          "inputs": [{ "name": "site", "typeName": "String", "required": true }],
          "root": {
            "id": "flow", "type": "Flowchart",
            "activities": [
              { "id": "log", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "hi" } },
                "metadata": { "designer": { "position": { "x": 10.5, "y": -3 } } } }
            ],
            "connections": []
          },
          "customerField": { "z": 1, "a": [true, null] }
        }
        """);

    [TestMethod]
    public async Task SaveDraftAsync_TwoSaves_NumbersVersionsAndGetsLatestByDefault()
    {
        var first = await Store.SaveDraftAsync(Definition("activation", "Activation v1"), SavedAt, Ct);
        var second = await Store.SaveDraftAsync(Definition("activation", "Activation v2"), SavedAt.AddMinutes(1), Ct);

        Assert.AreEqual(1, first.Version);
        Assert.AreEqual(2, second.Version);
        Assert.IsFalse(second.IsPublished);
        Assert.AreEqual("Activation v2", (await Store.GetAsync("activation", null, Ct))!.Name);
        Assert.AreEqual("Activation v1", (await Store.GetAsync("activation", 1, Ct))!.Name);
        Assert.IsNull(await Store.GetAsync("activation", 3, Ct));
        Assert.IsNull(await Store.GetAsync("activation", 0, Ct));
        Assert.IsNull(await Store.GetAsync("unknown", null, Ct));
        Assert.IsNull(await Store.GetPublishedAsync("activation", Ct));
    }

    [TestMethod]
    public async Task SaveDraftAsync_Definition_RoundTripsLosslessly()
    {
        var saved = await Store.SaveDraftAsync(Definition("activation", "Activation"), SavedAt, Ct);

        var loaded = await Store.GetAsync("activation", 1, Ct);

        Assert.AreEqual(WorkflowJson.Serialize(saved), WorkflowJson.Serialize(loaded!));
        StringAssert.Contains(WorkflowJson.Serialize(loaded!), "customerField");
    }

    [TestMethod]
    public async Task PublishAsync_OlderVersion_BecomesPublishedAndLatestStaysDraft()
    {
        await Store.SaveDraftAsync(Definition("activation", "v1"), SavedAt, Ct);
        await Store.SaveDraftAsync(Definition("activation", "v2"), SavedAt.AddMinutes(1), Ct);

        var published = await Store.PublishAsync("activation", 1, Ct);

        Assert.AreEqual(1, published!.Version);
        Assert.IsTrue(published.IsPublished);
        Assert.AreEqual("v1", (await Store.GetPublishedAsync("activation", Ct))!.Name);
        Assert.IsTrue((await Store.GetAsync("activation", 1, Ct))!.IsPublished);
        Assert.IsFalse((await Store.GetAsync("activation", null, Ct))!.IsPublished);
        var versions = await Store.ListVersionsAsync("activation", Ct);
        CollectionAssert.AreEqual(new[] { 1, 2 }, versions.Select(v => v.Version).ToArray());
        CollectionAssert.AreEqual(new[] { true, false }, versions.Select(v => v.IsPublished).ToArray());
        Assert.AreEqual(SavedAt.AddMinutes(1), versions[1].SavedAt);
    }

    [TestMethod]
    public async Task GetPublishedVersionAsync_FollowsPublishing_NullWhenNoneOrUnknown()
    {
        await Store.SaveDraftAsync(Definition("activation", "v1"), SavedAt, Ct);
        await Store.SaveDraftAsync(Definition("activation", "v2"), SavedAt.AddMinutes(1), Ct);

        int? before = await Store.GetPublishedVersionAsync("activation", Ct);
        await Store.PublishAsync("activation", 2, Ct);
        int? second = await Store.GetPublishedVersionAsync("activation", Ct);
        await Store.PublishAsync("activation", 1, Ct);
        int? first = await Store.GetPublishedVersionAsync("activation", Ct);

        Assert.IsNull(before);
        Assert.AreEqual(2, second);
        Assert.AreEqual(1, first);
        Assert.IsNull(await Store.GetPublishedVersionAsync("nope", Ct));
    }

    [TestMethod]
    public async Task PublishAsync_NoVersion_PublishesLatest()
    {
        await Store.SaveDraftAsync(Definition("failback", "v1"), SavedAt, Ct);
        await Store.SaveDraftAsync(Definition("failback", "v2"), SavedAt, Ct);
        await Store.PublishAsync("failback", 1, Ct);

        var published = await Store.PublishAsync("failback", null, Ct);

        Assert.AreEqual(2, published!.Version);
        Assert.AreEqual(2, (await Store.GetPublishedAsync("failback", Ct))!.Version);
        Assert.IsFalse((await Store.GetAsync("failback", 1, Ct))!.IsPublished);
    }

    [TestMethod]
    public async Task PublishAsync_UnknownDefinitionOrVersion_ReturnsNullAndChangesNothing()
    {
        await Store.SaveDraftAsync(Definition("activation", "v1"), SavedAt, Ct);
        await Store.PublishAsync("activation", 1, Ct);

        Assert.IsNull(await Store.PublishAsync("unknown", null, Ct));
        Assert.IsNull(await Store.PublishAsync("activation", 2, Ct));
        Assert.IsNull(await Store.PublishAsync("activation", 0, Ct));
        Assert.AreEqual(1, (await Store.GetPublishedAsync("activation", Ct))!.Version);
    }

    [TestMethod]
    public async Task ListAsync_SeveralDefinitions_SummarisesLatestAndPublished()
    {
        await Store.SaveDraftAsync(Definition("failback", "Failback"), SavedAt, Ct);
        await Store.SaveDraftAsync(Definition("activation", "Activation old"), SavedAt, Ct);
        await Store.SaveDraftAsync(Definition("activation", "Activation"), SavedAt, Ct);
        await Store.PublishAsync("activation", 1, Ct);

        var list = await Store.ListAsync(Ct);

        CollectionAssert.AreEqual(
            new[] { new DefinitionSummary("activation", "Activation", "Site activation ✓", 2, 1), new DefinitionSummary("failback", "Failback", "Site activation ✓", 1, null) },
            list.ToArray());
        Assert.IsEmpty(await Store.ListVersionsAsync("unknown", Ct));
    }

    [TestMethod]
    public async Task SaveDraftAsync_TenConcurrentSaves_GetDistinctVersions()
    {
        var saves = Enumerable.Range(0, 10).Select(i => Task.Run(() => Store.SaveDraftAsync(Definition("activation", "v" + i), SavedAt, Ct), Ct));

        var saved = await Task.WhenAll(saves);

        CollectionAssert.AreEquivalent(Enumerable.Range(1, 10).ToArray(), saved.Select(d => d.Version).ToArray());
        Assert.HasCount(10, await Store.ListVersionsAsync("activation", Ct));
    }
}

[TestClass]
public sealed class InMemoryDefinitionStoreTests : DefinitionStoreContract
{
    private protected override Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<TestDatabase>(new InMemoryTestDatabase());
}

[TestClass]
public sealed class SqliteDefinitionStoreTests : DefinitionStoreContract
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await new SqliteTestDatabase().MigratedAsync(cancellationToken);
}

[TestClass]
public sealed class PostgreSqlDefinitionStoreTests : DefinitionStoreContract
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await (await PostgreSqlTestDatabase.CreateAsync(cancellationToken)).MigratedAsync(cancellationToken);
}
