using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Upgrades the Exchange program files (service pack) on each node of a site.</summary>
[Activity("UpgradeExchange", "Setup", "Upgrade Exchange", SideEffect = SideEffect.Idempotent,
    Description = "Runs setup.com /mode:upgrade on each node of the site (or one node), one after another; nodes already on the target build are skipped.")]
public sealed class UpgradeExchange : SetupActivity
{
    [Input(Description = "The site whose nodes to upgrade.", Required = true, DefaultValue = "primary")]
    public Input<string> Site { get; } = new();

    [Input(Description = "One node only; empty means every node of the site.")]
    public Input<string> TargetNode { get; } = new();

    [Input(Description = "The build the upgrade installs (e.g. 8.1.240.6); empty means always run setup.")]
    public Input<string> TargetVersion { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        var nodes = context.Get(TargetNode) is { Length: > 0 } one ? [one] : site.Nodes;
        string? target = context.Get(TargetVersion);
        foreach (string node in nodes)
        {
            if (target is { Length: > 0 })
            {
                var installation = await Port<IExchangeInspection>(context).GetInstallationAsync(node, Commands(context), context.CancellationToken);
                if (installation.Version == target)
                {
                    context.Record("StepSkipped", $"{node} already runs {target}.");
                    continue;
                }
            }

            await RunSetupAsync(context, node, SetupCommand.Upgrade());
        }

        return context.Done();
    }
}
