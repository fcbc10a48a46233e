using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>
/// Every replication group is synchronized with no invalid tracks, from the right site when one is named (before a planned
/// flip); or, allowing catch-up, copying from the right site towards full sync (before a final sync).
/// </summary>
[Activity("ReplicationInFullSync", "Preflight", "Replication in full sync", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when every replication group is Synchronized or Consistent with zero invalid tracks and, when a site is given, copies from that site; fails on Partitioned, Suspended, Split, Invalid, outstanding tracks or replication from the other site. With allowCatchUp, a group still copying its last tracks from the right site (SyncInProgress, or Consistent with invalid tracks) passes too: the check is then that a final sync can finish without anyone acting on the array.")]
public sealed class ReplicationInFullSync : CheckActivity
{
    [Input(Description = "The site replication must copy from: the one whose data is current; empty means either.")]
    public Input<string> From { get; } = new();

    [Input(Description = "true: outstanding tracks pass while the group copies from the right site; only what no wait fixes fails (copying nothing, or from the other site).", DefaultValue = "false")]
    public Input<bool> AllowCatchUp { get; } = new();

    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        string? from = OptionalSiteOf(context, From)?.Name;
        bool catchUp = context.Get(AllowCatchUp);
        var storage = Port<IStorageReplication>(context);
        var log = Commands(context);
        var checkedItems = new List<string>();
        var problems = new List<string>();
        foreach (var group in Topology(context).ReplicationGroups)
        {
            var status = await storage.QueryAsync(group.Name, log, context.CancellationToken);
            checkedItems.Add($"{group.Name}: {status.State}, {status.InvalidTracks} invalid tracks, from {status.SourceSite}");
            if (catchUp)
            {
                if (status.CannotSyncReason(from) is { } reason)
                {
                    problems.Add(reason);
                }

                continue;
            }

            if (!status.InFullSync)
            {
                problems.Add($"{group.Name} is {status.State} with {status.InvalidTracks} invalid tracks");
            }

            if (from is not null && !status.CopiesFrom(from))
            {
                problems.Add($"{group.Name} copies from {status.SourceSite}, not from {from}: the copy at {status.SourceSite} would overwrite the current data at {from}");
            }
        }

        return problems.Count == 0 ? CheckReport.Pass(checkedItems) : CheckReport.Fail(checkedItems, string.Join("; ", problems) + ".");
    }
}
