using RunbookHost.Exchange.Inspection;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>Every database header reports a clean shutdown (eseutil /mh), or says which logs it needs.</summary>
[Activity("DatabasesCleanShutdown", "Preflight", "Databases in clean shutdown", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Reads every database header with eseutil /mh on a node of the site. Fails on Dirty Shutdown, naming the logs required, so soft recovery (eseutil /r) can be run before mounting.")]
public sealed class DatabasesCleanShutdown : CheckActivity
{
    [Input(Description = "The site whose disks are R/W now.", Required = true, DefaultValue = "standby")]
    public Input<string> Site { get; } = new();

    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var topology = Topology(context);
        string node = SiteOf(context, Site).Nodes[0];
        var inspection = Port<IExchangeInspection>(context);
        var log = Commands(context);
        var checkedItems = new List<string>();
        var problems = new List<string>();
        foreach (var group in topology.Cms.StorageGroups)
        {
            foreach (var database in group.Databases)
            {
                var header = await inspection.GetDatabaseHeaderAsync(node, database.EdbPath, log, context.CancellationToken);
                checkedItems.Add($"{database.EdbPath}: {header.State}");
                if (header.State == DatabaseShutdownState.DirtyShutdown)
                {
                    problems.Add($"{database.Name} is in Dirty Shutdown (-550), logs required {header.LogRequired}; run eseutil /r {group.LogPrefix} in {group.LogPath}");
                }
            }
        }

        return problems.Count == 0 ? CheckReport.Pass(checkedItems) : CheckReport.Fail(checkedItems, string.Join("; ", problems) + ".");
    }
}
