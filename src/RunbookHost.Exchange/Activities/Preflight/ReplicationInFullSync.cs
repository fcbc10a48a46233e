using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>Every replication group is synchronized with no invalid tracks (before a planned flip).</summary>
[Activity("ReplicationInFullSync", "Preflight", "Replication in full sync", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when every replication group is Synchronized or Consistent with zero invalid tracks; fails on Partitioned, Suspended, Split, Invalid or outstanding tracks.")]
public sealed class ReplicationInFullSync : CheckActivity
{
    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var storage = Port<IStorageReplication>(context);
        var log = Commands(context);
        var checkedItems = new List<string>();
        var problems = new List<string>();
        foreach (var group in Topology(context).ReplicationGroups)
        {
            var status = await storage.QueryAsync(group.Name, log, context.CancellationToken);
            checkedItems.Add($"{group.Name}: {status.State}, {status.InvalidTracks} invalid tracks, from {status.SourceSite}");
            if (!status.InFullSync)
            {
                problems.Add($"{group.Name} is {status.State} with {status.InvalidTracks} invalid tracks");
            }
        }

        return problems.Count == 0 ? CheckReport.Pass(checkedItems) : CheckReport.Fail(checkedItems, string.Join("; ", problems) + ".");
    }
}
