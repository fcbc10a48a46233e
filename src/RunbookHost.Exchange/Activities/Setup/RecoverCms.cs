using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Recreates the CMS on a site's cluster from its configuration in AD.</summary>
[Activity("RecoverCms", "Setup", "Recover CMS", SideEffect = SideEffect.NonIdempotent,
    Description = "Runs setup.com /recoverCMS /cmsName:<name> /cmsIPV4Addresses:<addresses> on a node of the site, which rebuilds the CMS group and resources from Active Directory. After an interruption it checks the CMS group and the setup watermark on that node: finished only when the group exists and the watermark is gone.")]
public sealed class RecoverCms : SetupActivity, IReconcilableActivity
{
    [Input(Description = "The site to recover the CMS at.", Required = true, DefaultValue = "standby")]
    public Input<string> Site { get; } = new();

    [Input(Description = "The node to run setup on; empty means the site's first node.")]
    public Input<string> TargetNode { get; } = new();

    [Input(Description = "The CMS name; empty means the topology's.")]
    public Input<string> CmsName { get; } = new();

    [Input(Description = "The CMS's IPv4 addresses at that site; empty means the topology's.")]
    public Input<string[]> Addresses { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        string node = SetupNode(context, site);
        string cms = context.Get(CmsName) is { Length: > 0 } name ? name : Topology(context).Cms.Name;
        var addresses = ListOr(context, Addresses, site.CmsAddresses);
        await RunSetupAsync(context, node, SetupCommand.RecoverCms(cms, addresses));
        return context.Done();
    }

    /// <summary>
    /// After an interruption: done only when the CMS group exists and setup left no watermark on the node it ran
    /// on (setup clears it when it finishes). A watermark means setup stopped part-way, or still runs; no group
    /// and no watermark means it changed nothing yet, or is still checking prerequisites. Both are for a person:
    /// running setup again while one still runs is what must not happen.
    /// </summary>
    public async ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        string node = SetupNode(context, site);
        bool exists = await CmsGroupExistsAsync(context, site);
        var installation = await Port<IExchangeInspection>(context).GetInstallationAsync(node, Commands(context), context.CancellationToken);
        if (installation.SetupWatermark is { Length: > 0 } watermark)
        {
            string group = exists ? $"the CMS group exists on {site.ClusterName}" : $"there is no CMS group on {site.ClusterName}";
            return ReconcileResult.Unknown(
                $"/recoverCMS on {node} stopped part-way or is still running: setup's watermark is '{watermark}' and {group}. "
                + $"Read the setup log on {node}; once no setup runs there, retry (setup resumes from its watermark).");
        }

        return exists
            ? ReconcileResult.AlreadyDone($"The CMS group exists on {site.ClusterName} and {node} has no setup watermark: /recoverCMS finished.")
            : ReconcileResult.Unknown(
                $"There is no CMS group on {site.ClusterName} and no setup watermark on {node}: /recoverCMS changed nothing yet, or is still checking prerequisites. "
                + $"Once no setup runs on {node}, retry.");
    }

    private string SetupNode(ActivityExecutionContext context, Site site) =>
        context.Get(TargetNode) is { Length: > 0 } node ? node : site.Nodes[0];
}
