using RunbookHost.Exchange.Inspection;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>All reachable nodes of both sites run the same Exchange build.</summary>
[Activity("ExchangeVersionsMatch", "Preflight", "Exchange versions match", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when every node that answers runs the same Exchange build (service pack); nodes that do not answer are listed, not counted.")]
public sealed class ExchangeVersionsMatch : CheckActivity
{
    [Input(Description = "Sites to include; empty means both.")]
    public Input<string[]> Sites { get; } = new();

    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var topology = Topology(context);
        var sites = ListOr(context, Sites, topology.Sites.Select(s => s.Name)).Select(topology.Site);
        var inspection = Port<IExchangeInspection>(context);
        var log = Commands(context);
        var checkedItems = new List<string>();
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string node in sites.SelectMany(s => s.Nodes))
        {
            try
            {
                var installation = await inspection.GetInstallationAsync(node, log, context.CancellationToken);
                versions[node] = installation.Version ?? "not installed";
                checkedItems.Add($"{node}: {versions[node]}");
            }
            catch (Commands.PortException ex)
            {
                checkedItems.Add($"{node}: does not answer ({ex.Message})");
            }
        }

        var distinct = versions.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return distinct.Count <= 1
            ? CheckReport.Pass(checkedItems)
            : CheckReport.Fail(checkedItems, "Exchange builds differ: " + string.Join("; ", versions.GroupBy(v => v.Value).Select(g => $"{g.Key} on {string.Join(", ", g.Select(v => v.Key))}")) + ".");
    }
}
