using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Setup;

/// <summary>Installs the passive clustered mailbox role on a standby node (no CMS): the seed's preparation step.</summary>
[Activity("InstallPassiveMailboxRole", "Setup", "Install passive mailbox role", SideEffect = SideEffect.Idempotent,
    Description = "Runs setup.com /mode:install /roles:mailbox on a node so it can accept the CMS later; skipped when the passive role is already installed.")]
public sealed class InstallPassiveMailboxRole : SetupActivity
{
    [Input(Description = "The node to prepare.", Required = true)]
    public Input<string> TargetNode { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        string node = context.Get(TargetNode);
        Topology(context).SiteOfNode(node);
        var installation = await Port<IExchangeInspection>(context).GetInstallationAsync(node, Commands(context), context.CancellationToken);
        if (installation.PassiveClusteredMailbox)
        {
            context.Set(Node, node);
            context.Record("StepSkipped", $"{node} already has the passive clustered mailbox role ({installation.Version}).");
            return context.Done();
        }

        await RunSetupAsync(context, node, SetupCommand.InstallPassiveMailboxRole());
        return context.Done();
    }
}
