using RunbookHost.Exchange.Cluster;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Takes a cluster group offline (resources in reverse dependency order).</summary>
[Activity("TakeGroupOffline", "Cluster", "Take group offline", SideEffect = SideEffect.Idempotent,
    Description = "Takes the cluster group offline at a site and waits for it; does nothing if it is already offline.")]
[DefaultResilience(MaxAttempts = 2, DelaySeconds = 30)]
public sealed class TakeGroupOffline : ClusterGroupActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        var cluster = Port<IClusterControl>(context);
        var log = Commands(context);
        var status = await GroupStatusAsync(cluster, site.ClusterName, group, log, context.CancellationToken);
        if (status.State != ClusterState.Offline)
        {
            await cluster.TakeGroupOfflineAsync(site.ClusterName, group, context.Get(Wait), log, context.CancellationToken);
        }

        return context.Done();
    }
}
