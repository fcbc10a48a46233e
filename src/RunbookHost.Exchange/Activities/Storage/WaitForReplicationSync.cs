using System.Text.Json.Nodes;
using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Storage;

/// <summary>
/// Waits, polling durably, until every replication group is in full sync; faults at once on replication from the wrong
/// site, or, told to, ends at once on CannotSync when replication cannot reach full sync by itself.
/// </summary>
[Activity("WaitForReplicationSync", "Storage", "Wait for replication sync", Outcomes = [SyncedOutcome, TimedOutOutcome, CannotSyncOutcome],
    Description = "Polls the replication groups until all are synchronized with no invalid tracks; the wait survives restarts. Times out after the given time. When a site is given, a group replicating from the other site faults the activity at once instead of waiting. With endIfCannotSync, a group that copies from the other site or copies nothing (Split, Suspended, Partitioned, FailedOver, Invalid, R/W at both sites) ends the wait at once on CannotSync, with the reason, instead of a fault or a wait no one would end: for a wait that holds the CMS offline.")]
public sealed class WaitForReplicationSync : SccActivity
{
    public const string SyncedOutcome = "Synced";
    public const string TimedOutOutcome = "TimedOut";
    public const string CannotSyncOutcome = "CannotSync";

    [Input(Description = "Replication groups; empty means every group of the topology.")]
    public Input<string[]> Groups { get; } = new();

    [Input(Description = "The site replication must copy from: the one whose data is current; empty means either.")]
    public Input<string> From { get; } = new();

    [Input(Description = "How long to wait before giving up (a full copy can take hours).", DefaultValue = "12:00:00")]
    public Input<TimeSpan> Timeout { get; } = new();

    [Input(Description = "Time between checks.", DefaultValue = "00:01:00")]
    public Input<TimeSpan> PollInterval { get; } = new();

    [Input(Description = "true: end at once on CannotSync when a group copies from the other site or copies nothing, which no wait fixes, instead of faulting or waiting until the timeout.", DefaultValue = "false")]
    public Input<bool> EndIfCannotSync { get; } = new();

    [Output(Description = "The last status of each group.")]
    public Output<JsonArray> Status { get; } = new();

    [Output(Description = "On CannotSync: what was found, per group that cannot reach full sync.")]
    public Output<string> Reason { get; } = new();

    public override ValueTask<ActivityResult> ResumeAsync(ActivityExecutionContext context) => ExecuteAsync(context);

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        Polling.Since(context);
        string? from = OptionalSiteOf(context, From)?.Name;
        var storage = Port<IStorageReplication>(context);
        var log = Commands(context);
        var statuses = new List<ReplicationStatus>();
        foreach (string group in ListOr(context, Groups, Topology(context).ReplicationGroups.Select(g => g.Name)))
        {
            statuses.Add(await storage.QueryAsync(group, log, context.CancellationToken));
        }

        context.Set(Status, new JsonArray([.. statuses.Select(s => (JsonNode?)QueryReplication.Describe(s))]));
        if (context.Get(EndIfCannotSync) && statuses.Select(s => s.CannotSyncReason(from)).OfType<string>().ToList() is { Count: > 0 } stuck)
        {
            string reason = string.Join("; ", stuck) + ".";
            context.Set(Reason, reason);
            context.Record("WaitCannotSync", $"Replication cannot reach full sync by itself: {reason}");
            return context.Complete(CannotSyncOutcome);
        }

        var wrong = from is null ? [] : statuses.Where(s => Replicating(s) && !s.CopiesFrom(from))
            .Select(s => $"{s.Group} replicates from {s.SourceSite} ({s.State}), not from {from}: the copy at {s.SourceSite} would overwrite the current data at {from}")
            .ToList();
        if (wrong.Count > 0)
        {
            // Waiting on would only let the wrong copy finish overwriting the current one, and end hours later as a timeout.
            throw new Commands.PortException($"{string.Join("; ", wrong)}. Reverse the replication (or fix it on the array) so that it copies from {from}, then retry.");
        }

        if (statuses.TrueForAll(s => s.InFullSync))
        {
            return context.Complete(SyncedOutcome);
        }

        string waiting = string.Join(", ", statuses.Where(s => !s.InFullSync).Select(s => $"{s.Group} {s.State} ({s.InvalidTracks} invalid tracks)"));
        if (Polling.TimedOut(context, context.Get(Timeout)))
        {
            context.Record("WaitTimedOut", $"Replication not in full sync after {context.Get(Timeout)}: {waiting}.");
            return context.Complete(TimedOutOutcome);
        }

        return Polling.Again(context, context.Get(PollInterval), $"Waiting for full sync: {waiting}");
    }

    /// <summary>Copying (resync running or done); a split, suspended or failed-over pair copies nothing yet and is waited on.</summary>
    private static bool Replicating(ReplicationStatus status) =>
        status.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress;
}
