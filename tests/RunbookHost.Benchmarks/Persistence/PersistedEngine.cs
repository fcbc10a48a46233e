using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Persistence;
using RunbookHost.Persistence.Migrations;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>
/// The engine on a SQL store, registered as the host does (<c>AddRunbookWorkflows</c> then
/// <c>AddRunbookPersistence</c>), migrated, with the suite's definitions published. The background
/// runner is not started: runs execute on the calling task.
/// </summary>
internal sealed class PersistedEngine(ServiceProvider services) : IAsyncDisposable
{
    public const string Actor = "bench";

    public IServiceProvider Services => services;

    public IWorkflowRuntime Runtime { get; } = services.GetRequiredService<IWorkflowRuntime>();

    public IRunStore Runs { get; } = services.GetRequiredService<IRunStore>();

    /// <summary>The store's own database object: its connection opening and write transactions.</summary>
    public SqlDatabase Database => services.GetRequiredService<SqlDatabase>();

    /// <param name="customize">Changes to the registrations after the host's, e.g. a decorated store.</param>
    public static async Task<PersistedEngine> CreateAsync(BenchDatabase database, CancellationToken cancellationToken, Action<IServiceCollection>? customize = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"] = database.Provider.ToString(),
                [$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)}"] = database.ConnectionString,
            })
            .Build();
        var registrations = new ServiceCollection()
            .AddRunbookWorkflows()
            .AddRunbookPersistence(configuration);
        customize?.Invoke(registrations);
        var services = registrations.BuildServiceProvider();
        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        return await PublishedAsync(services, cancellationToken);
    }

    /// <summary>The engine as <c>AddRunbookWorkflows()</c> alone has it: in-memory stores, nothing persisted.</summary>
    public static Task<PersistedEngine> InMemoryAsync(CancellationToken cancellationToken) =>
        PublishedAsync(new ServiceCollection().AddRunbookWorkflows().BuildServiceProvider(), cancellationToken);

    private static async Task<PersistedEngine> PublishedAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        var definitions = services.GetRequiredService<WorkflowDefinitions>();
        foreach (var definition in new[] { PersistenceDefinitions.Sequence(), PersistenceDefinitions.Approval() })
        {
            await definitions.SaveDraftAsync(definition, cancellationToken);
            await definitions.PublishAsync(definition.DefinitionId, null, cancellationToken);
        }

        return new PersistedEngine(services);
    }

    /// <summary>Starts a run and executes it until it ends or waits.</summary>
    public async Task<string> RunAsync(string definitionId, CancellationToken cancellationToken)
    {
        string runId = await Runtime.StartAsync(new StartRunRequest(definitionId, null, null, Actor), cancellationToken);
        await Runtime.ExecuteAsync(runId, cancellationToken);
        return runId;
    }

    /// <summary>The run as stored, which must have reached <paramref name="expected"/>.</summary>
    public async Task<RunRecord> ExpectAsync(string runId, RunStatus expected, CancellationToken cancellationToken)
    {
        var run = await Runs.GetAsync(runId, cancellationToken);
        return run?.Status == expected
            ? run
            : throw new InvalidOperationException($"Run {runId} is {run?.Status.ToString() ?? "missing"}, expected {expected}.");
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
