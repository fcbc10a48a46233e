using RunbookHost.Exchange.Setup;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Upgrades the CMS after its nodes (all its resources must come online, so only where the disks are R/W).</summary>
[Activity("UpgradeCms", "Setup", "Upgrade CMS", SideEffect = SideEffect.NonIdempotent,
    Description = "Runs setup.com /upgradeCMS on the node that owns the CMS group. Only on the active site: it needs every CMS resource online.")]
public sealed class UpgradeCms : SetupActivity
{
    [Input(Description = "The site where the CMS runs.", Required = true, DefaultValue = "primary")]
    public Input<string> Site { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        var (group, owner) = await CmsOwnerAsync(context, site);
        if (group is null)
        {
            throw new Commands.PortException($"There is no CMS group on {site.ClusterName}; /upgradeCMS runs where the CMS runs.");
        }

        await RunSetupAsync(context, owner, SetupCommand.UpgradeCms());
        return context.Done();
    }
}
