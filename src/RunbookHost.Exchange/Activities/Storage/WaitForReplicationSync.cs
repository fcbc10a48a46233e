using System.Text.Json.Nodes;
using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Storage;

/// <summary>Waits, polling durably, until every replication group is in full sync.</summary>
[Activity("WaitForReplicationSync", "Storage", "Wait for replication sync", Outcomes = [SyncedOutcome, TimedOutOutcome],
    Description = "Polls the replication groups until all are synchronized with no invalid tracks; the wait survives restarts. Times out after the given time.")]
public sealed class WaitForReplicationSync : SccActivity
{
    public const string SyncedOutcome = "Synced";
    public const string TimedOutOutcome = "TimedOut";

    [Input(Description = "Replication groups; empty means every group of the topology.")]
    public Input<string[]> Groups { get; } = new();

    [Input(Description = "How long to wait before giving up (a full copy can take hours).", DefaultValue = "12:00:00")]
    public Input<TimeSpan> Timeout { get; } = new();

    [Input(Description = "Time between checks.", DefaultValue = "00:01:00")]
    public Input<TimeSpan> PollInterval { get; } = new();

    [Output(Description = "The last status of each group.")]
    public Output<JsonArray> Status { get; } = new();

    public override ValueTask<ActivityResult> ResumeAsync(ActivityExecutionContext context) => ExecuteAsync(context);

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        Polling.Since(context);
        var storage = Port<IStorageReplication>(context);
        var log = Commands(context);
        var statuses = new List<ReplicationStatus>();
        foreach (string group in ListOr(context, Groups, Topology(context).ReplicationGroups.Select(g => g.Name)))
        {
            statuses.Add(await storage.QueryAsync(group, log, context.CancellationToken));
        }

        context.Set(Status, new JsonArray([.. statuses.Select(s => (JsonNode?)QueryReplication.Describe(s))]));
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
}
