using System.Text.Json.Nodes;
using RunbookHost.Exchange.Storage;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Storage;

/// <summary>Reads direction, state and lag of the replication groups.</summary>
[Activity("QueryReplication", "Storage", "Query replication", Description = "Reads which site is R/W, the pair state, invalid tracks and lag of each replication group.")]
public sealed class QueryReplication : SccActivity
{
    [Input(Description = "Replication groups; empty means every group of the topology.")]
    public Input<string[]> Groups { get; } = new();

    [Output(Description = "Per group: readWriteSites, sourceSite, state, invalidTracks, inFullSync, lagSeconds.")]
    public Output<JsonArray> Status { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var storage = Port<IStorageReplication>(context);
        var log = Commands(context);
        var result = new JsonArray();
        foreach (string group in ListOr(context, Groups, Topology(context).ReplicationGroups.Select(g => g.Name)))
        {
            result.Add(Describe(await storage.QueryAsync(group, log, context.CancellationToken)));
        }

        context.Set(Status, result);
        return context.Done();
    }

    internal static JsonObject Describe(ReplicationStatus status) => new()
    {
        ["group"] = status.Group,
        ["readWriteSites"] = new JsonArray([.. status.ReadWriteSites.Select(s => (JsonNode?)s)]),
        ["sourceSite"] = status.SourceSite,
        ["state"] = status.State.ToString(),
        ["invalidTracks"] = status.InvalidTracks,
        ["inFullSync"] = status.InFullSync,
        ["lagSeconds"] = status.Lag?.TotalSeconds,
    };
}
