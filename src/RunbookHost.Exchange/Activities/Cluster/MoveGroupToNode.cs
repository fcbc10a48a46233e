using RunbookHost.Exchange.Cluster;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Moves a cluster group to another node of its cluster (e.g. the CMS to an upgraded node).</summary>
[Activity("MoveGroupToNode", "Cluster", "Move group to node", SideEffect = SideEffect.Idempotent,
    Description = "Moves the cluster group to a node of the site's cluster (cluster group \"MBX-1\" /moveto:NodeB) and checks the node owns it; an offline group stays offline, an online one comes back online there. Does nothing if the node already owns the group.")]
[DefaultResilience(MaxAttempts = 2, DelaySeconds = 30)]
public sealed class MoveGroupToNode : ClusterGroupActivity
{
    [Input(Description = "The node to move the group to: a node of the site's cluster.", Required = true)]
    public Input<string> Node { get; } = new();

    [Output(Description = "The node that owned the group before the move (the target node when it already did).")]
    public Output<string> PreviousOwner { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        string node = context.Get(Node) is { Length: > 0 } named ? named : throw new Commands.PortException("Name the node to move the group to.");
        var cluster = Port<IClusterControl>(context);
        var log = Commands(context);
        var before = await GroupStatusAsync(cluster, site.ClusterName, group, log, context.CancellationToken);
        context.Set(PreviousOwner, before.Owner);
        if (string.Equals(before.Owner, node, StringComparison.OrdinalIgnoreCase))
        {
            context.Record("StepSkipped", $"{node} already owns group '{group}' on {site.ClusterName}.");
            return context.Done();
        }

        await cluster.MoveGroupAsync(site.ClusterName, group, node, context.Get(Wait), log, context.CancellationToken);
        var after = await GroupStatusAsync(cluster, site.ClusterName, group, log, context.CancellationToken);
        if (!string.Equals(after.Owner, node, StringComparison.OrdinalIgnoreCase))
        {
            throw new Commands.PortException($"After the move group '{group}' on {site.ClusterName} is owned by {after.Owner}, not {node}.");
        }

        return context.Done();
    }
}
