using RunbookHost.Exchange.Cluster;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Brings a cluster group online and checks every resource came online.</summary>
[Activity("BringGroupOnline", "Cluster", "Bring group online", SideEffect = SideEffect.Idempotent,
    Description = "Brings the cluster group online at a site (dependencies first) and fails if any resource stays offline or failed.")]
[DefaultResilience(MaxAttempts = 2, DelaySeconds = 60)]
public sealed class BringGroupOnline : ClusterGroupActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        var cluster = Port<IClusterControl>(context);
        var log = Commands(context);
        await cluster.BringGroupOnlineAsync(site.ClusterName, group, context.Get(Wait), log, context.CancellationToken);
        var notOnline = (await cluster.GetResourcesAsync(site.ClusterName, log, context.CancellationToken))
            .Where(r => string.Equals(r.Group, group, StringComparison.OrdinalIgnoreCase) && r.State != ClusterState.Online)
            .ToList();
        if (notOnline.Count > 0)
        {
            throw new Commands.PortException($"Group '{group}' on {site.ClusterName} is up but {string.Join(", ", notOnline.Select(r => $"'{r.Name}' is {r.State}"))}.");
        }

        return context.Done();
    }
}
