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
}
