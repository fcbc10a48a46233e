using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Runs setup.com on a node and fails with the setup log's error when the log does not report success.</summary>
public abstract class SetupActivity : SccActivity
{
    [Output(Description = "The node setup ran on.")]
    public Output<string> Node { get; } = new();

    [Output(Description = "The setup log lines of this run.")]
    public Output<string> SetupLog { get; } = new();

    protected async Task RunSetupAsync(ActivityExecutionContext context, string node, SetupCommand command)
    {
        context.Set(Node, node);
        // Irreversible: make sure this host still owns the run (see ActivityExecutionContext.FenceAsync).
        await context.FenceAsync();
        var result = await Port<IExchangeSetup>(context).RunAsync(node, command, Commands(context), context.CancellationToken);
        context.Set(SetupLog, result.LogExcerpt);
        if (!result.Succeeded)
        {
            throw new Commands.PortException($"{command.CommandLine} on {node} failed: {result.Summary}");
        }
    }

    /// <summary>The node that owns the CMS group at a site (setup /clearLocalCMS and /upgradeCMS run there).</summary>
    protected static async Task<(ClusterGroupStatus? Group, string Node)> CmsOwnerAsync(ActivityExecutionContext context, Site site)
    {
        var group = (await Port<IClusterControl>(context).GetGroupsAsync(site.ClusterName, Commands(context), context.CancellationToken))
            .FirstOrDefault(g => string.Equals(g.Name, Topology(context).Cms.Group, StringComparison.OrdinalIgnoreCase));
        return (group, group?.Owner ?? site.Nodes[0]);
    }

    /// <summary>Whether the CMS group exists on the site's cluster.</summary>
    protected static async Task<bool> CmsGroupExistsAsync(ActivityExecutionContext context, Site site) =>
        (await CmsOwnerAsync(context, site)).Group is not null;
}
