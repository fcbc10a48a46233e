using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Storage;

/// <summary>The storage replication verbs against the lab's arrays: query, update, failover (failback), swap, establish, and reverse (swap + establish in one).</summary>
internal static class StorageRules
{
    public static ReplicationStatus Status(LabReplicationGroup group) => new(
        group.Name,
        [.. group.ReadWriteSites],
        group.SourceSite,
        group.LinkDown ? ReplicationState.Partitioned : group.State,
        group.InvalidTracks,
        group.Lag);

    public static LabOutcome<ReplicationStatus> Query(LabState state, DateTimeOffset now, string name)
    {
        if (Find(state, name, "query", out var group) is { } missing)
        {
            return missing.As<bool, ReplicationStatus>(null);
        }

        var status = Status(group!);
        return new LabCommand(group!.DeviceGroup, StorageOutput.CommandLine(group, "query")).Ok(status, StorageOutput.Query(state, group, status), Durations.StorageQuery);
    }

    public static LabOutcome<bool> SyncOnce(LabState state, DateTimeOffset now, string name)
    {
        if (Find(state, name, "update", out var group) is { } missing)
        {
            return missing;
        }

        var command = new LabCommand(group!.DeviceGroup, StorageOutput.CommandLine(group, "update"));
        if (LinkDown(group, command) is { } refused)
        {
            return refused;
        }

        if (group.State is ReplicationState.FailedOver or ReplicationState.Split or ReplicationState.Suspended or ReplicationState.Invalid)
        {
            return WrongState(group, command, "Update", "restore (establish) or reverse the replication first");
        }

        if (group.State is ReplicationState.Synchronized or ReplicationState.Consistent)
        {
            group.InvalidTracks = 0;
            group.Lag = group.Lag is null ? null : TimeSpan.Zero;
        }

        return command.Ok(true, StorageOutput.Operation(group, "Update", StorageOutput.Step($"Update R2 device(s) from R1 at {group.SourceSite}")), Durations.StorageUpdate);
    }

    public static LabOutcome<bool> Failover(LabState state, DateTimeOffset now, string name, string site)
    {
        if (Find(state, name, "failover", out var group) is { } missing)
        {
            return missing;
        }

        var target = state.SiteByName(site);
        if (target is null)
        {
            return new LabCommand(group!.DeviceGroup, StorageOutput.CommandLine(group, "failover"))
                .Fail<bool>(1, $"There is no site '{site}' for device group '{group.DeviceGroup}'.", Durations.StorageRefused);
        }

        bool failback = string.Equals(target.Name, group!.SourceSite, StringComparison.OrdinalIgnoreCase);
        var command = new LabCommand(group.DeviceGroup, StorageOutput.CommandLine(group, failback ? "failback" : "failover"));
        if (group.ReadWriteSites.Count == 1 && group.IsReadWriteAt(target.Name))
        {
            return command.Ok(true, $"The device(s) of device group '{group.DeviceGroup}' are already Read/Write enabled at {target.Name}; nothing to do.\n", Durations.StorageRefused);
        }

        if (failback && LinkDown(group, command) is { } refused)
        {
            return refused;
        }

        string other = failback ? group.TargetSite : group.SourceSite;
        if (!group.ReadWriteSites.Contains(target.Name, StringComparer.OrdinalIgnoreCase))
        {
            group.ReadWriteSites.Add(target.Name);
        }

        string writeDisable = group.LinkDown ? "Not Ready (the RDF link is down; the other side stays Read/Write)" : "Done.";
        if (!group.LinkDown)
        {
            group.ReadWriteSites.RemoveAll(s => string.Equals(s, other, StringComparison.OrdinalIgnoreCase));
        }

        group.Lag = null;
        group.ResyncStartedAt = null;
        if (failback)
        {
            StartResync(group, now, Math.Max(group.InvalidTracks, state.Settings.ResyncTracks / 40));
            return command.Ok(true, StorageOutput.Operation(group, "Failback",
                StorageOutput.Step($"Write Disable device(s) on RA at target (R2) {other}", writeDisable),
                StorageOutput.Step("Merge track tables between source and target"),
                StorageOutput.Step("Resume RDF link(s)"),
                StorageOutput.Step($"Read/Write Enable device(s) on SA at source (R1) {target.Name}")), Durations.StorageFailover);
        }

        // Mid-resync the target's devices are a mix of old and new tracks; the tracks still owed stay recorded.
        // A SnapMirror destination is the last transferred snapshot, so it stays a consistent (older) image.
        bool incomplete = group.State == ReplicationState.SyncInProgress && group.InvalidTracks > 0;
        if (incomplete && !group.Adapter.Equals("SnapMirror", StringComparison.OrdinalIgnoreCase) && !group.IncompleteCopySites.Contains(target.Name, StringComparer.OrdinalIgnoreCase))
        {
            group.IncompleteCopySites.Add(target.Name);
        }

        group.State = ReplicationState.FailedOver;
        group.InvalidTracks = incomplete ? group.InvalidTracks : 0;
        group.FailedOverAt = now;
        return command.Ok(true, StorageOutput.Operation(group, "Failover",
            StorageOutput.Step($"Write Disable device(s) on SA at source (R1) {other}", writeDisable),
            StorageOutput.Step("Suspend RDF link(s)"),
            StorageOutput.Step($"Read/Write Enable device(s) on RA at target (R2) {target.Name}")), Durations.StorageFailover);
    }

    /// <summary>
    /// symrdf swap: exchanges the R1/R2 personalities and leaves the pair suspended until an establish. Like the
    /// array, it swaps whatever the sides are: swapping a pair whose R1 is already the R/W side (a swap done
    /// before, its establish not yet) makes the stale side the source, which is why the drivers ask first.
    /// </summary>
    public static LabOutcome<bool> Swap(LabState state, DateTimeOffset now, string name)
    {
        if (SwapRefused(state, name, out var group, out var command) is { } refused)
        {
            return refused;
        }

        if (group.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress)
        {
            return WrongState(group, command, "Swap", "the pair is established: fail over or split it first");
        }

        (group.SourceSite, group.TargetSite) = (group.TargetSite, group.SourceSite);
        group.State = ReplicationState.Suspended;
        group.FailedOverAt = null;
        group.InvalidTracks = state.Settings.ResyncTracks; // R2's tracks are all invalid: the establish copies them all
        return command.Ok(true, SwapOutput(group), Durations.StorageSwap);
    }

    /// <summary>
    /// Swap and establish as one operation, as <c>snapmirror resync -S</c> reverses a relationship: the side that
    /// is R/W becomes the source and the resync towards the other side starts.
    /// </summary>
    public static LabOutcome<bool> Reverse(LabState state, DateTimeOffset now, string name)
    {
        if (SwapRefused(state, name, out var group, out var command) is { } refused)
        {
            return refused;
        }

        string rw = group.ReadWriteSites[0];
        if (string.Equals(rw, group.SourceSite, StringComparison.OrdinalIgnoreCase) && group.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress)
        {
            return command.Ok(true, $"Device group '{group.DeviceGroup}' already replicates from {rw}; nothing to swap.\n", Durations.StorageRefused);
        }

        string old = group.SourceSite;
        group.SourceSite = rw;
        group.TargetSite = string.Equals(rw, old, StringComparison.OrdinalIgnoreCase) ? group.TargetSite : old;
        var swap = command.Ok(true, SwapOutput(group), Durations.StorageSwap);
        StartResync(group, now, state.Settings.ResyncTracks);
        var establish = new LabCommand(group.DeviceGroup, StorageOutput.CommandLine(group, "establish")).Ok(true, EstablishOutput(group), Durations.StorageEstablish);
        return swap.Then(establish);
    }

    /// <summary>What swap and reverse both refuse: no such group, the link down, other than exactly one R/W side.</summary>
    private static LabOutcome<bool>? SwapRefused(LabState state, string name, out LabReplicationGroup group, out LabCommand command)
    {
        group = null!;
        command = null!;
        if (Find(state, name, "swap", out var found) is { } missing)
        {
            return missing;
        }

        group = found!;
        command = new LabCommand(group.DeviceGroup, StorageOutput.CommandLine(group, "swap"));
        if (LinkDown(group, command) is { } refused)
        {
            return refused;
        }

        return group.ReadWriteSites.Count == 1 ? null
            : WrongState(group, command, "Swap", $"the devices are Read/Write at {(group.ReadWriteSites.Count == 0 ? "no site" : string.Join(" and ", group.ReadWriteSites))}; exactly one side must be R/W");
    }

    private static string SwapOutput(LabReplicationGroup group) => StorageOutput.Operation(group, "Swap",
        StorageOutput.Step($"Swap RDF personality: R1 is now {group.SourceSite}, R2 is now {group.TargetSite}"),
        StorageOutput.Step("Refresh R2 invalid tracks (full copy)"));

    private static string EstablishOutput(LabReplicationGroup group) => StorageOutput.Operation(group, "Establish",
        StorageOutput.Step($"Write Disable device(s) on RA at target (R2) {group.TargetSite}"),
        StorageOutput.Step("Resume RDF link(s)"),
        StorageOutput.Step($"Begin copying {group.InvalidTracks} invalid tracks from {group.SourceSite}"));

    public static LabOutcome<bool> Restore(LabState state, DateTimeOffset now, string name)
    {
        if (Find(state, name, "establish", out var group) is { } missing)
        {
            return missing;
        }

        var command = new LabCommand(group!.DeviceGroup, StorageOutput.CommandLine(group, "establish"));
        if (LinkDown(group, command) is { } refused)
        {
            return refused;
        }

        if (group.State == ReplicationState.FailedOver)
        {
            return WrongState(group, command, "Establish", "the target is Read/Write after a failover: fail back or swap instead");
        }

        if (group.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress && group.ReadWriteSites.Count == 1)
        {
            return command.Ok(true, $"Device group '{group.DeviceGroup}' is already established ({StorageOutput.PairState(group.State)}).\n", Durations.StorageRefused);
        }

        StartResync(group, now, Math.Max(group.InvalidTracks, 1000));
        return command.Ok(true, EstablishOutput(group), Durations.StorageEstablish);
    }

    /// <summary>Makes the source the only R/W side and starts copying <paramref name="tracks"/> tracks.</summary>
    internal static void StartResync(LabReplicationGroup group, DateTimeOffset now, long tracks)
    {
        group.ReadWriteSites = [group.SourceSite];
        group.State = ReplicationState.SyncInProgress;
        group.InvalidTracks = tracks;
        group.ResyncStartTracks = tracks;
        group.ResyncStartedAt = now;
        group.FailedOverAt = null;
    }

    /// <summary>Resync progress is computed from when it started: tracks left = start - rate x (unscaled) elapsed.</summary>
    internal static void Progress(LabState state, DateTimeOffset now)
    {
        foreach (var group in state.Replication.Where(g => g.State == ReplicationState.SyncInProgress && g.ResyncStartedAt is not null && !g.LinkDown))
        {
            double seconds = Durations.UnscaledSeconds(now - group.ResyncStartedAt!.Value, state.Settings.TimeScale);
            double copied = seconds * state.Settings.ResyncRate;
            group.InvalidTracks = copied >= group.ResyncStartTracks ? 0 : group.ResyncStartTracks - (long)copied;
            if (group.InvalidTracks == 0)
            {
                group.State = group.Lag is null ? ReplicationState.Synchronized : ReplicationState.Consistent;
                group.ResyncStartedAt = null;
                bool copiedIncomplete = group.IncompleteCopySites.Contains(group.SourceSite, StringComparer.OrdinalIgnoreCase);
                group.IncompleteCopySites.RemoveAll(s => string.Equals(s, group.TargetSite, StringComparison.OrdinalIgnoreCase));
                if (copiedIncomplete)
                {
                    group.IncompleteCopySites.Add(group.TargetSite);
                }
            }
        }
    }

    private static LabOutcome<bool>? Find(LabState state, string name, string verb, out LabReplicationGroup? group)
    {
        group = state.Replication(name);
        return group is null
            ? new LabCommand(name, $"symrdf -g {name} {verb}").Fail<bool>(1, $"The specified device group ({name}) was not found.", Durations.StorageRefused)
            : null;
    }

    private static LabOutcome<bool>? LinkDown(LabReplicationGroup group, LabCommand command) =>
        group.LinkDown
            ? command.Fail<bool>(1, $"The RDF link(s) for device group '{group.DeviceGroup}' are not ready: the RDF pair state is Partitioned.", Durations.StorageRefused)
            : null;

    private static LabOutcome<bool> WrongState(LabReplicationGroup group, LabCommand command, string operation, string why) =>
        command.Fail<bool>(1, $"The RDF '{operation}' operation cannot be performed for device group '{group.DeviceGroup}': the device(s) are not in the appropriate RDF pair state ({StorageOutput.PairState(group.State)}); {why}.", Durations.StorageRefused);
}
