using Microsoft.Extensions.Hosting;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.TestHost;

/// <summary>
/// Publishes the built-in workflow and starts runs until <c>--start</c> of them exist. It works in
/// the host's "starting" phase, after the schema migration and before the runner starts, and is
/// idempotent, so a host killed while seeding is restarted with the same arguments.
/// </summary>
internal sealed class RunSeeder(
    WorkflowDefinitions definitions,
    IWorkflowRuntime runtime,
    IRunStore store,
    TestHostSettings settings) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await definitions.ImportAsync(DurabilityWorkflow.Definition, cancellationToken);
        if (settings.Start <= 0)
        {
            return;
        }

        var existing = await store.ListAsync(new RunQuery(DefinitionId: DurabilityWorkflow.DefinitionId, Take: 0), cancellationToken);
        for (int i = existing.Total; i < settings.Start; i++)
        {
            await runtime.StartAsync(new StartRunRequest(DurabilityWorkflow.DefinitionId, null, null, "durability-test"), cancellationToken);
        }

        TestHostOutput.Seeded(Math.Max(existing.Total, settings.Start));
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        TestHostOutput.Ready(settings.HostId);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
