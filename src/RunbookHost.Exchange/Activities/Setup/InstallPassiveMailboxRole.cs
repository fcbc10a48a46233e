using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Installs the passive clustered mailbox role on standby nodes (no CMS): the seed's preparation step.</summary>
[Activity("InstallPassiveMailboxRole", "Setup", "Install passive mailbox role", SideEffect = SideEffect.Idempotent,
    Description = "Runs setup.com /mode:install /roles:mailbox on each node of the site (or one node) so it can accept the CMS later; nodes that already have the passive role are skipped.")]
public sealed class InstallPassiveMailboxRole : SetupActivity
{
    [Input(Description = "The site whose nodes to prepare.", Required = true, DefaultValue = "standby")]
    public Input<string> Site { get; } = new();

    [Input(Description = "One node only; empty means every node of the site.")]
    public Input<string> TargetNode { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        var nodes = context.Get(TargetNode) is { Length: > 0 } one ? [one] : site.Nodes;
        var inspection = Port<IExchangeInspection>(context);
        foreach (string node in nodes)
        {
            var installation = await inspection.GetInstallationAsync(node, Commands(context), context.CancellationToken);
            if (installation.PassiveClusteredMailbox)
            {
                context.Record("StepSkipped", $"{node} already has the passive clustered mailbox role ({installation.Version}).");
                continue;
            }

            await RunSetupAsync(context, node, SetupCommand.InstallPassiveMailboxRole());
        }

        return context.Done();
    }
}
