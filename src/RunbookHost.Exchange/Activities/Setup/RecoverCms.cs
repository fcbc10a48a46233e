using RunbookHost.Exchange.Setup;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Recreates the CMS on a site's cluster from its configuration in AD.</summary>
[Activity("RecoverCms", "Setup", "Recover CMS", SideEffect = SideEffect.NonIdempotent,
    Description = "Runs setup.com /recoverCMS /cmsName:<name> /cmsIPV4Addresses:<addresses> on a node of the site, which rebuilds the CMS group and resources from Active Directory. After an interruption it checks whether the CMS group exists.")]
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
        string node = context.Get(TargetNode) is { Length: > 0 } n ? n : site.Nodes[0];
        string cms = context.Get(CmsName) is { Length: > 0 } name ? name : Topology(context).Cms.Name;
        var addresses = ListOr(context, Addresses, site.CmsAddresses);
        await RunSetupAsync(context, node, SetupCommand.RecoverCms(cms, addresses));
        return context.Done();
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        return await CmsGroupExistsAsync(context, site)
            ? ReconcileResult.AlreadyDone($"The CMS group exists on {site.ClusterName}.")
            : ReconcileResult.Unknown($"The CMS group does not exist on {site.ClusterName}; a half-finished /recoverCMS may have left a setup watermark.");
    }
}
