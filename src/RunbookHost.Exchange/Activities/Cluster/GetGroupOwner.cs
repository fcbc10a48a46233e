using RunbookHost.Exchange.Cluster;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>
/// Reads which node owns a cluster group and which nodes of the site do not (for the CMS group: the
/// active and passive nodes). A cluster without the group is an answer (NotFound), not an error: a
/// retry cannot create the group, so the workflow decides what it means.
/// </summary>
[Activity("GetGroupOwner", "Cluster", "Get group owner", Outcomes = [DoneOutcome, NotFoundOutcome],
    Description = "Reads the cluster group's owner node and state at a site, and lists the site's other nodes (for the CMS group: the passive nodes). NotFound when the site's cluster has no such group (e.g. the CMS runs at the other site); its state is then Absent and it has no owner.")]
public sealed class GetGroupOwner : ClusterGroupActivity
{
    public const string NotFoundOutcome = "NotFound";

    [Output(Description = "The node that owns the group; null when the cluster has no such group.")]
    public Output<string?> Owner { get; } = new();

    [Output(Description = "The site's nodes that do not own the group, in the topology's order.")]
    public Output<string[]> OtherNodes { get; } = new();

    [Output(Description = "The group's state as the cluster reported it; Absent when the cluster has no such group.")]
    public Output<string> State { get; } = new();

    [Output(Description = "The group looked for (the CMS group when the group input is empty).")]
    public Output<string> GroupName { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        var groups = await Port<IClusterControl>(context).GetGroupsAsync(site.ClusterName, Commands(context), context.CancellationToken);
        var status = groups.FirstOrDefault(g => string.Equals(g.Name, group, StringComparison.OrdinalIgnoreCase));
        context.Set(GroupName, group);
        context.Set(Owner, status?.Owner);
        context.Set(OtherNodes, [.. site.Nodes.Where(n => !string.Equals(n, status?.Owner, StringComparison.OrdinalIgnoreCase))]);
        context.Set(State, status?.State.ToString() ?? "Absent");
        return status is null ? context.Complete(NotFoundOutcome) : context.Done();
    }
}
