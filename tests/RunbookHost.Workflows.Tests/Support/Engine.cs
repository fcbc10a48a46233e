using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Stores.InMemory;

namespace RunbookHost.Workflows.Tests.Support;

/// <summary>
/// One engine "process" over shared stores and a shared fake clock. A new Engine over the same
/// stores is what a host restart looks like.
/// </summary>
internal sealed class Engine : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _host = new();

    public Engine(IRunStore? runs = null, IDefinitionStore? definitions = null, FakeTimeProvider? time = null, TestWorld? world = null, Action<IServiceCollection>? configure = null)
    {
        Runs = runs ?? new InMemoryRunStore();
        DefinitionStore = definitions ?? new InMemoryDefinitionStore();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        World = world ?? new TestWorld();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(Runs)
            .AddSingleton(DefinitionStore)
            .AddSingleton(World)
            .AddRunbookWorkflows(o =>
            {
                o.HostId = "host-" + Guid.NewGuid().ToString("N")[..8];
                o.LeaseDuration = TimeSpan.FromSeconds(30);
            })
            .AddActivity<StepActivity>()
            .AddActivity<CommandActivity>()
            .AddActivity<IdempotentActivity>()
            .AddActivity<FlipActivity>()
            .AddActivity<FlakyActivity>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public IRunStore Runs { get; }

    public IDefinitionStore DefinitionStore { get; }

    public FakeTimeProvider Time { get; }

    public TestWorld World { get; }

    public IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();

    public WorkflowDefinitions Definitions => _services.GetRequiredService<WorkflowDefinitions>();

    public WorkflowRunner Runner => _services.GetRequiredService<WorkflowRunner>();

    /// <summary>A new engine over the same stores, clock and world: a restarted host.</summary>
    public Engine Restart() => new(Runs, DefinitionStore, Time, World);

    public async Task PublishAsync(WorkflowDefinition definition)
    {
        await Definitions.SaveDraftAsync(definition, CancellationToken.None);
        await Definitions.PublishAsync(definition.DefinitionId, null, CancellationToken.None);
    }

    public Task<string> StartAsync(string definitionId, JsonObject? input = null, string startedBy = "olivia") =>
        Runtime.StartAsync(new StartRunRequest(definitionId, null, input, startedBy), CancellationToken.None);

    /// <summary>Starts and executes a run until it waits or ends.</summary>
    public async Task<string> RunAsync(string definitionId, JsonObject? input = null)
    {
        string runId = await StartAsync(definitionId, input);
        await ExecuteAsync(runId);
        return runId;
    }

    public Task ExecuteAsync(string runId) => Runtime.ExecuteAsync(runId, _host.Token);

    /// <summary>Executes in the background, as the runner would, so the test can act while it runs.</summary>
    public Task ExecuteInBackground(string runId) => Task.Run(() => Runtime.ExecuteAsync(runId, _host.Token));

    /// <summary>Stops this engine the hard way: executions end, nothing more is committed.</summary>
    public async Task CrashAsync(params Task[] executions)
    {
        await _host.CancelAsync();
        foreach (var execution in executions)
        {
            try
            {
                await execution;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async Task<RunRecord> RunRecordAsync(string runId) => (await Runs.GetAsync(runId, CancellationToken.None))!;

    public async Task<RunStatus> StatusAsync(string runId) => (await RunRecordAsync(runId)).Status;

    public Task<IReadOnlyList<JournalRecord>> JournalAsync(string runId) => Runs.GetJournalAsync(runId, 0, CancellationToken.None);

    public async Task<IReadOnlyList<string>> KindsAsync(string runId) => [.. (await JournalAsync(runId)).Select(r => r.Kind)];

    public async Task<IReadOnlyList<string>> CompletedAsync(string runId) =>
        [.. (await JournalAsync(runId)).Where(r => r.Kind == JournalKinds.ActivityCompleted).Select(r => r.ActivityId!)];

    public Task<IReadOnlyList<Bookmark>> PendingAsync(string runId) =>
        Runs.GetBookmarksAsync(new BookmarkQuery(RunId: runId), CancellationToken.None);

    public Task<IReadOnlyList<Incident>> IncidentsAsync(string runId) => Runs.GetIncidentsAsync(runId, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _host.CancelAsync();
        await _services.DisposeAsync();
        _host.Dispose();
    }
}
