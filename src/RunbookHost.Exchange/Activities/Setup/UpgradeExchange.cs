using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Upgrades a node's Exchange program files (service pack).</summary>
[Activity("UpgradeExchange", "Setup", "Upgrade Exchange", SideEffect = SideEffect.Idempotent,
    Description = "Runs setup.com /mode:upgrade on a node; skipped when the node already runs the target version.")]
public sealed class UpgradeExchange : SetupActivity
{
    [Input(Description = "The node to upgrade.", Required = true)]
    public Input<string> TargetNode { get; } = new();

    [Input(Description = "The build the upgrade installs (e.g. 8.1.240.6); empty means always run setup.")]
    public Input<string> TargetVersion { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        string node = context.Get(TargetNode);
        string? target = context.Get(TargetVersion);
        if (target is { Length: > 0 })
        {
            var installation = await Port<IExchangeInspection>(context).GetInstallationAsync(node, Commands(context), context.CancellationToken);
            if (installation.Version == target)
            {
                context.Set(Node, node);
                context.Record("StepSkipped", $"{node} already runs {target}.");
                return context.Done();
            }
        }

        await RunSetupAsync(context, node, SetupCommand.Upgrade());
        return context.Done();
    }
}
