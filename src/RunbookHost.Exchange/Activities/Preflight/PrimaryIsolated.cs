using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Network;
using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>The old site cannot bring the CMS back: its disks are R/O and its CMS addresses do not answer.</summary>
[Activity("PrimaryIsolated", "Preflight", "Site isolated", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when the given site cannot bring the CMS online on the network: its disks are not R/W and its CMS addresses do not answer (the CMS group's local state is reported). Guards against split brain.")]
public sealed class PrimaryIsolated : CheckActivity
{
    [Input(Description = "The site that must be isolated.", Required = true, DefaultValue = "primary")]
    public Input<string> Site { get; } = new();

    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var topology = Topology(context);
        var site = SiteOf(context, Site);
        var log = Commands(context);
        var checkedItems = new List<string>();
        var problems = new List<string>();
        foreach (var group in topology.ReplicationGroups)
        {
            var status = await Port<IStorageReplication>(context).QueryAsync(group.Name, log, context.CancellationToken);
            checkedItems.Add($"{group.Name}: R/W at {string.Join(", ", status.ReadWriteSites)}");
            if (status.IsReadWriteAt(site.Name))
            {
                problems.Add($"the disks of {group.Name} are still R/W at {site.Name}");
            }
        }

        try
        {
            var cms = (await Port<IClusterControl>(context).GetGroupsAsync(site.ClusterName, log, context.CancellationToken))
                .FirstOrDefault(g => string.Equals(g.Name, topology.Cms.Group, StringComparison.OrdinalIgnoreCase));
            // Reported, not judged: on isolated nodes the group may come up locally; what matters is that
            // its disks are R/O and its addresses cannot be reached.
            checkedItems.Add($"{site.ClusterName}: CMS group {cms?.State.ToString() ?? "absent"}");
        }
        catch (Commands.PortException ex)
        {
            checkedItems.Add($"{site.ClusterName}: does not answer ({ex.Message})");
        }

        foreach (string address in site.CmsAddresses)
        {
            var probe = await Port<INetworkProbe>(context).ProbeAsync(address, context.CancellationToken);
            checkedItems.Add($"{address}: {(probe.Answers ? "answers" : "no answer")}");
            if (probe.Answers)
            {
                problems.Add($"{address} answers on the network");
            }
        }

        return problems.Count == 0
            ? CheckReport.Pass(checkedItems)
            : CheckReport.Fail(checkedItems, $"Site {site.Name} is not isolated: {string.Join("; ", problems)}.");
    }
}
