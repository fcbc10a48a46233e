using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Removes the CMS from a site's cluster only (AD, binaries and databases stay), on the node that owns the group.</summary>
[Activity("ClearLocalCms", "Setup", "Clear local CMS", SideEffect = SideEffect.NonIdempotent,
    Description = "Runs setup.com /clearLocalCMS on the node that owns the offline CMS group at the site. Refuses while the group is online. After an interruption it checks whether the CMS group is gone.")]
public sealed class ClearLocalCms : SetupActivity, IReconcilableActivity
{
    [Input(Description = "The site to clear the CMS from.", Required = true, DefaultValue = "primary")]
    public Input<string> Site { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        var (group, owner) = await CmsOwnerAsync(context, site);
        if (group is null)
        {
            context.Set(Node, owner);
            context.Record("StepSkipped", $"There is no CMS group on {site.ClusterName}: nothing to clear.");
            return context.Done();
        }

        if (group.State != ClusterState.Offline)
        {
            throw new Commands.PortException($"The CMS group on {site.ClusterName} is {group.State}; take it offline before /clearLocalCMS.");
        }

        await RunSetupAsync(context, owner, SetupCommand.ClearLocalCms());
        return context.Done();
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        return await CmsGroupExistsAsync(context, site)
            ? ReconcileResult.NotDone($"The CMS group still exists on {site.ClusterName}.")
            : ReconcileResult.AlreadyDone($"The CMS group is gone from {site.ClusterName}.");
    }
}
