using System.Globalization;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.Faults;

/// <summary>
/// Injecting and clearing faults. Faults that change the state (a missing role, a suspended pair,
/// a storage group added in AD...) change it on injection and restore what they saved on clearing;
/// the others are consulted by the rules while active. Clearing removes the cause, not every
/// consequence: a pair that was partitioned comes back Suspended and needs a restore.
/// </summary>
internal static class FaultEffects
{
    public static LabActiveFault Inject(LabState state, DateTimeOffset now, string name, IReadOnlyDictionary<string, string>? parameters)
    {
        var descriptor = LabFaultCatalog.Find(state, name);
        var fault = new LabActiveFault { Name = descriptor.Name, Since = now };
        foreach (var parameter in descriptor.Parameters)
        {
            string? value = parameters?.FirstOrDefault(p => string.Equals(p.Key, parameter.Name, StringComparison.OrdinalIgnoreCase)).Value ?? parameter.DefaultValue;
            if (value is not null)
            {
                fault.Parameters[parameter.Name] = value;
            }
        }

        FaultTargets.Require(state, descriptor, parameters, fault);

        foreach (var same in state.Faults.Where(f => f.Name == fault.Name && Same(f.Parameters, fault.Parameters)).ToList())
        {
            Clear(state, now, same);
        }

        Apply(state, now, fault);
        state.Faults.Add(fault);
        return fault;
    }

    /// <summary>Clears every active fault of that name whose parameters include the given ones.</summary>
    /// <remarks>Newest first: a fault injected over another saved the state the older one made, so it must restore first.</remarks>
    public static int Clear(LabState state, DateTimeOffset now, string name, IReadOnlyDictionary<string, string>? parameters)
    {
        var matching = state.Active(name).Where(f => parameters is null || parameters.All(p => string.Equals(f.Parameter(p.Key, string.Empty), p.Value, StringComparison.OrdinalIgnoreCase))).ToList();
        matching.Reverse();
        foreach (var fault in matching)
        {
            Clear(state, now, fault);
        }

        return matching.Count;
    }

    private static void Clear(LabState state, DateTimeOffset now, LabActiveFault fault)
    {
        state.Faults.Remove(fault);
        Revert(state, now, fault);
    }

    private static void Apply(LabState state, DateTimeOffset now, LabActiveFault fault)
    {
        switch (fault.Name)
        {
            case LabFaults.ReplicationPartitioned:
                Groups(state, fault).ForEach(g => g.LinkDown = true);
                break;
            case LabFaults.ReplicationSuspended:
                Groups(state, fault).ForEach(g => { g.State = ReplicationState.Suspended; g.InvalidTracks = Tracks(fault); g.ResyncStartedAt = null; });
                break;
            case LabFaults.ReplicationLagging:
                Groups(state, fault).ForEach(g => { g.State = ReplicationState.Consistent; g.InvalidTracks = Tracks(fault); g.Lag = TimeSpan.FromSeconds(Number(fault, "lagSeconds")); });
                break;
            case LabFaults.StorageGroupAddedAfterPreparation:
                StorageGroupFault.Add(state, now, AddedStorageGroup.From(state, fault));
                break;
            case LabFaults.LogPrefixMismatch:
                var group = state.AdStorageGroup(fault.Parameter("storageGroup", string.Empty)) ?? throw new LabFaultException($"AD has no storage group '{fault.Parameter("storageGroup", string.Empty)}'.");
                fault.Saved["logPrefix"] = group.LogPrefix;
                group.LogPrefix = fault.Parameter("logPrefix", "E05");
                break;
            case LabFaults.PassiveRoleMissing:
                var node = Node(state, fault);
                fault.Saved["version"] = node.Version ?? string.Empty;
                fault.Saved["roles"] = string.Join(',', node.Roles);
                fault.Saved["passive"] = node.PassiveClusteredMailbox.ToString();
                (node.Version, node.Roles, node.PassiveClusteredMailbox) = (null, [], false);
                break;
            case LabFaults.ExchangeVersionMismatch:
                var upgraded = Node(state, fault);
                fault.Saved["version"] = upgraded.Version ?? string.Empty;
                upgraded.Version = fault.Parameter("version", "8.0.685.24");
                break;
            case LabFaults.DirtyShutdownMissingLogs or LabFaults.DirtyShutdown:
                var database = Database(state, fault);
                database.Header = DatabaseShutdownState.DirtyShutdown;
                database.LogRequired = $"{database.LogGeneration - 6}-{database.LogGeneration}";
                database.MissingLogsError = fault.Name == LabFaults.DirtyShutdown ? null : (int)Number(fault, "error");
                break;
            case LabFaults.SiteIsolated:
                var site = state.SiteByName(fault.Parameter("site", string.Empty)) ?? throw new LabFaultException($"There is no site '{fault.Parameter("site", string.Empty)}'.");
                bool console = bool.TryParse(fault.Parameter("consoleAccess", "false"), out bool c) && c;
                site.Nodes.ForEach(n => { fault.Saved[n.Name] = $"{n.Reachable},{n.Isolated}"; (n.Reachable, n.Isolated) = (console, true); });
                if (bool.TryParse(fault.Parameter("includeDns", "false"), out bool dns) && dns)
                {
                    state.Dns.Where(d => d.Site == site.Name).ToList().ForEach(d => d.Reachable = false);
                }

                break;
            default:
                break;
        }
    }

    private static void Revert(LabState state, DateTimeOffset now, LabActiveFault fault)
    {
        switch (fault.Name)
        {
            case LabFaults.ReplicationPartitioned:
                Groups(state, fault).ForEach(g =>
                {
                    g.LinkDown = false;
                    if (g.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress)
                    {
                        (g.State, g.InvalidTracks, g.ResyncStartedAt) = (ReplicationState.Suspended, Tracks(fault), null);
                    }
                });
                break;
            case LabFaults.ReplicationSuspended:
                Groups(state, fault).Where(g => g.State == ReplicationState.Suspended).ToList().ForEach(g => StorageRules.StartResync(g, now, Math.Max(g.InvalidTracks, 1)));
                break;
            case LabFaults.ReplicationLagging:
                Groups(state, fault).ForEach(g => { g.InvalidTracks = 0; g.Lag = null; g.State = g.State == ReplicationState.Consistent ? ReplicationState.Synchronized : g.State; });
                break;
            case LabFaults.StorageGroupAddedAfterPreparation:
                StorageGroupFault.Remove(state, AddedStorageGroup.From(state, fault));
                break;
            case LabFaults.LogPrefixMismatch when state.AdStorageGroup(fault.Parameter("storageGroup", string.Empty)) is { } group:
                group.LogPrefix = fault.Saved["logPrefix"];
                break;
            case LabFaults.PassiveRoleMissing when state.Node(fault.Parameter("node", string.Empty)) is { } node:
                node.Version = fault.Saved["version"] is { Length: > 0 } v ? v : null;
                node.Roles = [.. fault.Saved["roles"].Split(',', StringSplitOptions.RemoveEmptyEntries)];
                node.PassiveClusteredMailbox = bool.Parse(fault.Saved["passive"]) || node.PassiveClusteredMailbox;
                break;
            case LabFaults.ExchangeVersionMismatch when state.Node(fault.Parameter("node", string.Empty)) is { } node:
                node.Version = fault.Saved["version"] is { Length: > 0 } previous ? previous : null;
                break;
            case LabFaults.DirtyShutdownMissingLogs or LabFaults.DirtyShutdown when state.Databases.FirstOrDefault(d => string.Equals(d.Name, fault.Parameter("database", string.Empty), StringComparison.OrdinalIgnoreCase)) is { } database:
                database.MissingLogsError = null;
                if (!Mounted(state, database))
                {
                    (database.Header, database.LogRequired) = (DatabaseShutdownState.CleanShutdown, null);
                }

                break;
            case LabFaults.SiteIsolated when state.SiteByName(fault.Parameter("site", string.Empty)) is { } site:
                foreach (var node in site.Nodes.Where(n => fault.Saved.ContainsKey(n.Name)))
                {
                    string[] saved = fault.Saved[node.Name].Split(',');
                    (node.Reachable, node.Isolated) = (bool.Parse(saved[0]), bool.Parse(saved[1]));
                }

                state.Dns.Where(d => d.Site == site.Name).ToList().ForEach(d => d.Reachable = true);
                break;
            default:
                break;
        }
    }

    private static bool Mounted(LabState state, LabDatabase database) =>
        state.Sites.SelectMany(s => s.Resources).Any(r => r.Type == ResourceTypes.DatabaseInstance && r.State == ClusterState.Online
            && string.Equals(r.Property("Database"), database.Name, StringComparison.OrdinalIgnoreCase));

    private static List<LabReplicationGroup> Groups(LabState state, LabActiveFault fault)
    {
        string name = fault.Parameter("group", "*");
        var groups = state.Replication.Where(g => name == "*" || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(g.DeviceGroup, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return groups.Count > 0 ? groups : throw new LabFaultException($"There is no replication group '{name}'.");
    }

    private static LabNode Node(LabState state, LabActiveFault fault) =>
        state.Node(fault.Parameter("node", string.Empty)) ?? throw new LabFaultException($"There is no node '{fault.Parameter("node", string.Empty)}'.");

    private static LabDatabase Database(LabState state, LabActiveFault fault) =>
        state.Databases.FirstOrDefault(d => string.Equals(d.Name, fault.Parameter("database", string.Empty), StringComparison.OrdinalIgnoreCase))
        ?? throw new LabFaultException($"There is no database '{fault.Parameter("database", string.Empty)}'.");

    private static long Tracks(LabActiveFault fault) => (long)Number(fault, "tracks");

    private static double Number(LabActiveFault fault, string name) =>
        double.TryParse(fault.Parameter(name, "0"), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : throw new LabFaultException($"{fault.Name}: parameter '{name}' must be a number.");

    private static bool Same(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out string? v) && string.Equals(v, p.Value, StringComparison.OrdinalIgnoreCase));
}
