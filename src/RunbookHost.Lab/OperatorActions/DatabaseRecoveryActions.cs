using System.Globalization;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Inspection;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>
/// What activation's "Run soft recovery" step asks of an operator: put the missing log files back
/// from a backup, and run eseutil /r so that a database in Dirty Shutdown becomes clean. With *, every
/// database the action applies to; refused, naming each database's reason, when there is none.
/// </summary>
internal static class DatabaseRecoveryActions
{
    public static (string Message, IReadOnlyList<CommandRecord> Records) RestoreLogs(LabState state, DateTimeOffset now, ActionCall call)
    {
        var plans = Selected(state, call).Select(d => (Database: d, Node: LogWriter(state, d, out string? why), Why: why)).ToList();
        var todo = Applicable(call, plans.Select(p => (p.Database, p.Why)));
        var records = new List<CommandRecord>();
        foreach (var (database, node, _) in plans.Where(p => todo.Contains(p.Database)))
        {
            var group = state.AdStorageGroup(database.StorageGroup);
            string logPath = group?.LogPath ?? string.Empty;
            long files = Generations(database.LogRequired);
            database.MissingLogsError = null;
            records.Add(LabActionRules.Record(node!.Name, $"robocopy \"\\\\BACKUP\\ExchangeLogs\\{state.CmsName}\\{database.StorageGroup}\" \"{logPath}\" {database.LogPrefixOnDisk}*.log",
                $"               Total    Copied   Skipped  Mismatch    FAILED    Extras\n    Files :  {files,8}  {files,8}         0         0         0         0", TimeSpan.FromSeconds(20 + (2 * files))));
        }

        string retired = LabActionRules.Retire(state, LabFaults.DirtyShutdownMissingLogs, f => todo.Any(d => Named(d, f)));
        return ($"The log files {string.Join("; ", todo.Select(d => $"{d.StorageGroup}\\{d.Name} requires ({d.LogRequired}, {d.LogPrefixOnDisk}*.log)"))} are back in place from the backup: mounting or soft recovery can replay them.{retired}", records);
    }

    public static (string Message, IReadOnlyList<CommandRecord> Records) SoftRecovery(LabState state, DateTimeOffset now, ActionCall call)
    {
        var plans = Selected(state, call).Select(d => (Database: d, Node: Reader(state, now, d, out string? why), Why: why)).ToList();
        var todo = Applicable(call, plans.Select(p => (p.Database, p.Why)));
        var records = new List<CommandRecord>();
        foreach (var (database, node, _) in plans.Where(p => todo.Contains(p.Database)))
        {
            var group = state.AdStorageGroup(database.StorageGroup);
            string folder = database.EdbPath.LastIndexOf('\\') is > 0 and int slash ? database.EdbPath[..slash] : database.EdbPath;
            records.Add(LabActionRules.Record(node!.Name, $"eseutil /r {database.LogPrefixOnDisk} /l \"{group?.LogPath}\" /s \"{group?.SystemPath}\" /d \"{folder}\"",
                $"Extensible Storage Engine Utilities for Microsoft(R) Exchange Server\nVersion 08.01\nCopyright (C) Microsoft Corporation. All Rights Reserved.\n\nInitiating RECOVERY mode...\n    Logfile base name: {database.LogPrefixOnDisk}\n            Log files: {group?.LogPath}\n         System files: {group?.SystemPath}\n   Database Directory: {folder}\n\nPerforming soft recovery...\n\nOperation completed successfully in {Durations.LogReplay.TotalSeconds:0.0} seconds.",
                Durations.LogReplay));
            (database.Header, database.LogRequired) = (DatabaseShutdownState.CleanShutdown, null);
        }

        string retired = LabActionRules.Retire(state, LabFaults.DirtyShutdown, f => todo.Any(d => Named(d, f)));
        return ($"Soft recovery replayed the logs of {string.Join(", ", todo.Select(d => $"{d.StorageGroup}\\{d.Name}"))}: Clean Shutdown.{retired}", records);
    }

    private static List<LabDatabase> Selected(LabState state, ActionCall call)
    {
        string name = call.Parameter("database");
        return [.. state.Databases.Where(d => name == LabActionCatalog.All || string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The databases without a reason against; refuses, naming every reason, when there are none (with *, also when there are none at all).</summary>
    private static List<LabDatabase> Applicable(ActionCall call, IEnumerable<(LabDatabase Database, string? Why)> plans)
    {
        var list = plans.ToList();
        var todo = list.Where(p => p.Why is null).Select(p => p.Database).ToList();
        if (todo.Count == 0)
        {
            string reasons = list.Count == 0 ? "The lab has no database." : string.Join(" ", list.Select(p => p.Why));
            throw LabActionRules.Refused(call, reasons);
        }

        return todo;
    }

    /// <summary>A reachable node at a site where the database's log folder is on a R/W device: where its logs can be copied back.</summary>
    private static LabNode? LogWriter(LabState state, LabDatabase database, out string? why)
    {
        string name = $"{database.StorageGroup}\\{database.Name}";
        if (database.MissingLogsError is null)
        {
            why = database.Header == DatabaseShutdownState.CleanShutdown
                ? $"{name} is in Clean Shutdown: it requires no log files."
                : state.Sites.FirstOrDefault(s => state.IncompleteCopyOf(s, database) is not null) is { } torn
                    ? $"{name} is missing no log file from a backup: at {torn.Name} it is an incomplete copy (a failover came before a resync finished), which log files cannot repair; resync it from a consistent copy."
                    : $"{name} is missing no log file: the logs it requires ({database.LogRequired}) are in place, and mounting replays them.";
            return null;
        }

        string logPath = state.AdStorageGroup(database.StorageGroup)?.LogPath ?? database.EdbPath;
        foreach (var site in state.Sites)
        {
            if (site.DiskFor(logPath) is { } disk && state.DeviceWritable(site, disk)
                && (site.Nodes.FirstOrDefault(n => n.Reachable && string.Equals(n.Name, site.OwnerOf(disk), StringComparison.OrdinalIgnoreCase)) ?? site.Nodes.FirstOrDefault(n => n.Reachable)) is { } node)
            {
                why = null;
                return node;
            }
        }

        why = $"No reachable node can write {name}'s log folder {logPath}: its devices are write-disabled, or their site cannot be reached.";
        return null;
    }

    /// <summary>A node where eseutil can open the database's files (R/W devices, not online on another node), as eseutil /mh would.</summary>
    private static LabNode? Reader(LabState state, DateTimeOffset now, LabDatabase database, out string? why)
    {
        string name = $"{database.StorageGroup}\\{database.Name}";
        if (MountedAt(state, database) is { } mounted)
        {
            why = $"{name} is mounted at {mounted.Name}: eseutil cannot open it (-1032); dismount it first.";
            return null;
        }

        if (database.MissingLogsError is { } error)
        {
            why = $"Soft recovery of {name} would fail with {error.ToString(CultureInfo.InvariantCulture)}: the logs it requires ({database.LogRequired}) are missing. Restore them first ({LabActions.RestoreMissingLogs}).";
            return null;
        }

        string? torn = null;
        foreach (var site in state.Sites)
        {
            foreach (var node in site.Nodes.Where(n => n.Reachable))
            {
                if (InspectionRules.Header(state, now, node.Name, database.EdbPath).Failed)
                {
                    continue;
                }

                if (state.IncompleteCopyOf(site, database) is not null)
                {
                    torn = site.Name;
                    break;
                }

                why = database.Header == DatabaseShutdownState.CleanShutdown ? $"{name} is already in Clean Shutdown: there is nothing to replay." : null;
                return why is null ? node : null;
            }
        }

        why = torn is not null
            ? $"Soft recovery of {name} at {torn} would fail with -543: it is an incomplete copy (a failover came before a resync finished). Resync it from a consistent copy."
            : database.Header == DatabaseShutdownState.CleanShutdown
                ? $"{name} is already in Clean Shutdown: there is nothing to replay."
                : $"No reachable node can read {name}'s files: their devices are write-disabled or their disk is online on another node.";
        return null;
    }

    private static LabSite? MountedAt(LabState state, LabDatabase database) =>
        state.Sites.FirstOrDefault(s => s.Resources.Any(r => r.Type == ResourceTypes.DatabaseInstance && r.State == ClusterState.Online
            && string.Equals(r.Property("Database"), database.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Property("StorageGroup"), database.StorageGroup, StringComparison.OrdinalIgnoreCase)));

    private static bool Named(LabDatabase database, LabActiveFault fault) =>
        string.Equals(fault.Parameter("database", string.Empty), database.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>How many log files a "first-last" generation range holds.</summary>
    private static long Generations(string? range) =>
        range?.Split('-') is [var first, var last] && long.TryParse(first, CultureInfo.InvariantCulture, out long a) && long.TryParse(last, CultureInfo.InvariantCulture, out long b) && b >= a ? b - a + 1 : 1;
}
