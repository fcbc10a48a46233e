using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunbookHost.Persistence.Definitions;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Stores.InMemory;

namespace RunbookHost.Persistence.Tests;

[TestClass]
public sealed class PersistenceServiceCollectionExtensionsTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runbook-tests", Guid.NewGuid().ToString("N"));

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task AddRunbookPersistence_AfterInMemoryStores_ReplacesThemAndMigratesOnStart()
    {
        string file = Path.Combine(_folder, "not", "yet", "runbook.db");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runbook:Database:Provider"] = "Sqlite",
            ["Runbook:Database:ConnectionString"] = $"Data Source={file}",
        });
        builder.Services.AddSingleton<IRunStore, InMemoryRunStore>();
        builder.Services.AddSingleton<IDefinitionStore, InMemoryDefinitionStore>();
        builder.Services.AddRunbookPersistence(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(TestContext.CancellationToken);
        var store = host.Services.GetRequiredService<IRunStore>();
        var run = new RunScript("run-1");
        await run.CommitAsync(store, TestContext.CancellationToken);
        await host.StopAsync(TestContext.CancellationToken);

        Assert.IsInstanceOfType<SqlRunStore>(store);
        Assert.IsInstanceOfType<SqlDefinitionStore>(host.Services.GetRequiredService<IDefinitionStore>());
        Assert.IsTrue(File.Exists(file));
        Assert.AreEqual(1L, (await store.GetAsync("run-1", TestContext.CancellationToken))!.Version);
    }

    [TestMethod]
    public async Task AddRunbookPersistence_HostStartsAgainUnderItsHostId_ItsLeftoverLeasesAreReleasedOthersKept()
    {
        var cancellationToken = TestContext.CancellationToken;
        await using var database = new SqliteTestDatabase();
        await database.MigratedAsync(cancellationToken);
        var store = database.CreateRunStore();
        var now = DateTimeOffset.UtcNow;
        foreach (var (runId, owner) in new[] { ("run-1", "host-1"), ("run-2", "host-2") })
        {
            await new RunScript(runId).CommitAsync(store, cancellationToken);
            Assert.IsTrue(await store.TryAcquireLeaseAsync(runId, owner, now, now.AddHours(1), cancellationToken));
        }

        // host-1's process died holding run-1; the same host starts again.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runbook:Database:ConnectionString"] = database.ConnectionString });
        builder.Services.Configure<WorkflowEngineOptions>(o => o.HostId = "host-1");
        builder.Services.AddRunbookPersistence(builder.Configuration);
        using (var host = builder.Build())
        {
            await host.StartAsync(cancellationToken);
            await host.StopAsync(cancellationToken);
        }

        var runnable = await store.FindRunnableAsync(now, 10, cancellationToken);
        CollectionAssert.AreEqual(new[] { "run-1" }, runnable.ToArray(), "run-1 is free at once; host-2 is alive and keeps run-2");
        Assert.IsTrue(await store.TryAcquireLeaseAsync("run-1", "host-1", now, now.AddSeconds(30), cancellationToken));
    }

    [TestMethod]
    public void DatabaseOptions_NothingConfigured_DefaultsToSqliteFileUnderData()
    {
        var services = new ServiceCollection().AddRunbookPersistence(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        Assert.AreEqual(DatabaseProvider.Sqlite, options.Provider);
        Assert.AreEqual("Data Source=./data/runbook.db", options.EffectiveConnectionString);
    }

    [TestMethod]
    public void DatabaseOptions_PostgreSqlWithoutConnectionString_FailsValidation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runbook:Database:Provider"] = "PostgreSql" })
            .Build();
        using var provider = new ServiceCollection().AddRunbookPersistence(configuration).BuildServiceProvider();

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        StringAssert.Contains(error.Message, "ConnectionString is required");
    }
}
