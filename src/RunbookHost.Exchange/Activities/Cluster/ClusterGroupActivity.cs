using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Inputs shared by the activities that act on a cluster group at a site.</summary>
public abstract class ClusterGroupActivity : SccActivity
{
    [Input(Description = "The site whose cluster to act on.", Required = true, DefaultValue = "primary")]
    public Input<string> Site { get; } = new();

    [Input(Description = "The cluster group; empty means the CMS group.")]
    public Input<string> Group { get; } = new();

    [Input(Description = "How long cluster.exe waits for the state change.", DefaultValue = "00:10:00")]
    public Input<TimeSpan> Wait { get; } = new();

    protected (Site Site, string Group) Target(ActivityExecutionContext context) =>
        (SiteOf(context, Site), context.Get(Group) is { Length: > 0 } group ? group : Topology(context).Cms.Group);

    /// <summary>The group as the cluster reports it now; a group the cluster does not have is a port error naming both.</summary>
    protected static async Task<ClusterGroupStatus> GroupStatusAsync(IClusterControl cluster, string clusterName, string group, ICommandLog log, CancellationToken cancellationToken) =>
        (await cluster.GetGroupsAsync(clusterName, log, cancellationToken)).FirstOrDefault(g => string.Equals(g.Name, group, StringComparison.OrdinalIgnoreCase))
            ?? throw new PortException($"Cluster {clusterName} has no group '{group}'.");
}
