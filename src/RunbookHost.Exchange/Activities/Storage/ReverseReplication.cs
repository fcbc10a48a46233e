using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Storage;

/// <summary>Re-establishes replication from the site that is R/W now to the other site.</summary>
[Activity("ReverseReplication", "Storage", "Reverse replication", SideEffect = SideEffect.NonIdempotent,
    Description = "Swaps the replication roles so that the site that is R/W now replicates to the other site, and starts the resynchronisation.")]
public sealed class ReverseReplication : SccActivity, IReconcilableActivity
{
    [Input(Description = "Replication groups; empty means every group of the topology.")]
    public Input<string[]> Groups { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var storage = Port<IStorageReplication>(context);
        var log = Commands(context);
        foreach (string group in GroupsOf(context))
        {
            var status = await storage.QueryAsync(group, log, context.CancellationToken);
            if (Replicating(status))
            {
                context.Record("StepSkipped", $"{group} already replicates from {status.SourceSite}.");
                continue;
            }

            if (status.ReadWriteSites.Count != 1)
            {
                throw new Commands.PortException($"{group} is R/W at {(status.ReadWriteSites.Count == 0 ? "no site" : string.Join(" and ", status.ReadWriteSites))}; reverse needs exactly one R/W site.");
            }

            await context.FenceAsync();
            await storage.ReverseAsync(group, log, context.CancellationToken);
        }

        return context.Done();
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context)
    {
        var storage = Port<IStorageReplication>(context);
        foreach (string group in GroupsOf(context))
        {
            if (!Replicating(await storage.QueryAsync(group, Commands(context), context.CancellationToken)))
            {
                return ReconcileResult.NotDone($"{group} does not replicate from its R/W site yet.");
            }
        }

        return ReconcileResult.AlreadyDone("Every group replicates from its R/W site.");
    }

    /// <summary>Replicating from the one R/W site (resync running or done).</summary>
    private static bool Replicating(ReplicationStatus status) =>
        status.ReadWriteSites.Count == 1 && status.IsReadWriteAt(status.SourceSite)
        && status.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress;

    private IReadOnlyList<string> GroupsOf(ActivityExecutionContext context) =>
        ListOr(context, Groups, Topology(context).ReplicationGroups.Select(g => g.Name));
}
