using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunbookHost.Persistence.Definitions;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Tests.Support;
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
