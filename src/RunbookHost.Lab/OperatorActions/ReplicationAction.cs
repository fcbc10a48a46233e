using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>
/// Restoring replication by hand, as prepare-standby's manual step asks: the array's own verbs in the
/// pair's current direction, establish for a Suspended, Split or Invalid pair, update for a lagging
/// asynchronous one. Every group named is checked before any command is sent.
/// </summary>
internal static class ReplicationAction
{
    public static (string Message, IReadOnlyList<CommandRecord> Records) Restore(LabState state, DateTimeOffset now, ActionCall call)
    {
        string name = call.Parameter("group");
        bool all = name == LabActionCatalog.All;
        var groups = state.Replication.Where(g => all || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var obstacles = groups.Select(g => (Group: g, Why: Obstacle(g))).ToList();
        var todo = obstacles.Where(x => x.Why is null).Select(x => x.Group).ToList();

        // With *, groups already in full sync are left alone; any other that cannot be restored refuses the whole action.
        var refusing = obstacles.Where(x => x.Why is not null && (todo.Count == 0 || !InFullSync(x.Group))).ToList();
        if (refusing.Count > 0)
        {
            throw LabActionRules.Refused(call, string.Join(" ", refusing.Select(x => x.Why)));
        }

        var records = new List<CommandRecord>();
        var done = new List<string>();
        foreach (var group in todo)
        {
            bool lagging = group.State is ReplicationState.Synchronized or ReplicationState.Consistent;
            var outcome = lagging ? StorageRules.SyncOnce(state, now, group.Name) : StorageRules.Restore(state, now, group.Name);
            records.AddRange(outcome.Records);
            if (outcome.Failed)
            {
                throw LabActionRules.Refused(call, outcome.Error!);
            }

            done.Add(lagging
                ? $"{group.Name} caught up with {group.SourceSite} (update): in full sync."
                : $"{group.Name} is established again: {group.InvalidTracks} invalid tracks are being copied from {group.SourceSite} to {group.TargetSite}.");
        }

        string retired = LabActionRules.Retire(state, LabFaults.ReplicationSuspended, f => Targets(state, f).All(g => g.State != ReplicationState.Suspended))
            + LabActionRules.Retire(state, LabFaults.ReplicationLagging, f => Targets(state, f).All(g => !(g.State == ReplicationState.Consistent && g.InvalidTracks > 0)));
        return (string.Join(" ", done) + retired, records);
    }

    /// <summary>Why the group cannot be restored by hand now, or null when it can.</summary>
    private static string? Obstacle(LabReplicationGroup group)
    {
        string pair = StorageOutput.PairState(group.State);
        if (group.LinkDown)
        {
            return $"The replication link of {group.Name} is down (Partitioned): nothing can be copied until it is back (the ReplicationPartitioned fault).";
        }

        return group.State switch
        {
            ReplicationState.FailedOver => $"{group.Name} is failed over: its devices are R/W at {string.Join(" and ", group.ReadWriteSites)}. Resuming it means failing back or reversing the replication, which the failback runbook does.",
            ReplicationState.SyncInProgress => $"{group.Name} is already resynchronising from {group.SourceSite}: {group.InvalidTracks} invalid tracks left. Let it finish.",
            _ when InFullSync(group) => $"{group.Name} is already in full sync ({pair}, 0 invalid tracks) from {group.SourceSite} to {group.TargetSite}.",
            ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.Suspended or ReplicationState.Split or ReplicationState.Invalid => null,
            _ => $"{group.Name} is {pair}: the lab has no by-hand restore for that state.",
        };
    }

    private static bool InFullSync(LabReplicationGroup group) => !group.LinkDown && StorageRules.Status(group).InFullSync;

    private static IEnumerable<LabReplicationGroup> Targets(LabState state, LabActiveFault fault)
    {
        string name = fault.Parameter("group", LabActionCatalog.All);
        return state.Replication.Where(g => name == LabActionCatalog.All || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(g.DeviceGroup, name, StringComparison.OrdinalIgnoreCase));
    }
}
