using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Storage;

/// <summary>Makes the named site's devices R/W (storage failover); asks the array after a crash instead of flipping twice.</summary>
[Activity("FlipReplication", "Storage", "Flip replication", SideEffect = SideEffect.NonIdempotent,
    Description = "Fails the replication groups over so that the named site's disks are R/W and the other site's R/O. After an interruption it asks the array which side is R/W.")]
public sealed class FlipReplication : SccActivity, IReconcilableActivity
{
    [Input(Description = "The site to make R/W.", Required = true, DefaultValue = "standby")]
    public Input<string> Site { get; } = new();

    [Input(Description = "Replication groups; empty means every group of the topology.")]
    public Input<string[]> Groups { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        string site = SiteOf(context, Site).Name;
        var storage = Port<IStorageReplication>(context);
        var log = Commands(context);
        foreach (string group in GroupsOf(context))
        {
            var status = await storage.QueryAsync(group, log, context.CancellationToken);
            if (status.ReadWriteSites.Count == 1 && status.IsReadWriteAt(site))
            {
                context.Record("StepSkipped", $"{group} is already R/W at {site}.");
                continue;
            }

            await context.FenceAsync();
            await storage.FailoverAsync(group, site, log, context.CancellationToken);
            var after = await storage.QueryAsync(group, log, context.CancellationToken);
            if (!after.IsReadWriteAt(site))
            {
                throw new Commands.PortException($"After failover {group} is still not R/W at {site} (R/W: {string.Join(", ", after.ReadWriteSites)}; state {after.State}).");
            }
        }

        return context.Done();
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context)
    {
        string site = SiteOf(context, Site).Name;
        var storage = Port<IStorageReplication>(context);
        var groups = GroupsOf(context);
        var flipped = new List<string>();
        foreach (string group in groups)
        {
            var status = await storage.QueryAsync(group, Commands(context), context.CancellationToken);
            if (status.ReadWriteSites.Count == 1 && status.IsReadWriteAt(site))
            {
                flipped.Add(group);
            }
        }

        return flipped.Count == groups.Count ? ReconcileResult.AlreadyDone($"The array reports every group R/W at {site}.")
            : flipped.Count == 0 ? ReconcileResult.NotDone($"The array reports no group R/W at {site} yet.")
            : ReconcileResult.NotDone($"Only {string.Join(", ", flipped)} are R/W at {site}; the flip continues with the rest.");
    }

    private IReadOnlyList<string> GroupsOf(ActivityExecutionContext context) =>
        ListOr(context, Groups, Topology(context).ReplicationGroups.Select(g => g.Name));
}
