using RunbookHost.Exchange.Inspection;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>Every node of a site has the passive clustered mailbox role (so /recoverCMS can run there).</summary>
[Activity("PassiveRoleOnAllNodes", "Preflight", "Passive role on all nodes", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when every node of the site has the passive clustered mailbox role installed and no half-finished setup watermark.")]
public sealed class PassiveRoleOnAllNodes : CheckActivity
{
    [Input(Description = "The site to check.", Required = true, DefaultValue = "standby")]
    public Input<string> Site { get; } = new();

    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var site = SiteOf(context, Site);
        var inspection = Port<IExchangeInspection>(context);
        var log = Commands(context);
        var checkedItems = new List<string>();
        var problems = new List<string>();
        foreach (string node in site.Nodes)
        {
            var installation = await inspection.GetInstallationAsync(node, log, context.CancellationToken);
            checkedItems.Add($"{node}: {(installation.PassiveClusteredMailbox ? "passive mailbox role" : "no passive mailbox role")} {installation.Version}");
            if (!installation.PassiveClusteredMailbox)
            {
                problems.Add($"{node} has no passive clustered mailbox role");
            }

            if (installation.SetupWatermark is { Length: > 0 } watermark)
            {
                problems.Add($"{node} has a half-finished setup (watermark {watermark})");
            }
        }

        return problems.Count == 0 ? CheckReport.Pass(checkedItems) : CheckReport.Fail(checkedItems, string.Join("; ", problems) + ".");
    }
}
