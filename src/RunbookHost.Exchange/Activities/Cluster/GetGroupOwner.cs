using RunbookHost.Exchange.Cluster;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Reads which node owns a cluster group and which nodes of the site do not (for the CMS group: the active and passive nodes).</summary>
[Activity("GetGroupOwner", "Cluster", "Get group owner",
    Description = "Reads the cluster group's owner node and state at a site, and lists the site's other nodes (for the CMS group: the passive nodes).")]
public sealed class GetGroupOwner : ClusterGroupActivity
{
    [Output(Description = "The node that owns the group.")]
    public Output<string> Owner { get; } = new();

    [Output(Description = "The site's nodes that do not own the group, in the topology's order.")]
    public Output<string[]> OtherNodes { get; } = new();

    [Output(Description = "The group's state as the cluster reported it.")]
    public Output<string> State { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        var status = await GroupStatusAsync(Port<IClusterControl>(context), site.ClusterName, group, Commands(context), context.CancellationToken);
        context.Set(Owner, status.Owner);
        context.Set(OtherNodes, [.. site.Nodes.Where(n => !string.Equals(n, status.Owner, StringComparison.OrdinalIgnoreCase))]);
        context.Set(State, status.State.ToString());
        return context.Done();
    }
}
