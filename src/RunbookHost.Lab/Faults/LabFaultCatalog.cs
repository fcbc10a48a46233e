using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Faults;

/// <summary>Every injectable fault, with its description, the DOMAIN.md failure mode it covers and its parameters (defaults drawn from the lab).</summary>
internal static class LabFaultCatalog
{
    public static IReadOnlyList<LabFaultDescriptor> Describe(LabState state)
    {
        string primary = state.Sites[0].Name;
        string standby = state.Sites[^1].Name;
        var added = AddedStorageGroup.Defaults(state);
        return
        [
            new(LabFaults.PrimaryCmsStillOnline, "The old primary keeps, or brings back after every command, its CMS group online (as far as its disks allow): the CMS name keeps answering, a recovered CMS elsewhere is a duplicate.", "1 split brain",
                [P("site", "The site whose cluster keeps the CMS online.", primary)]),
            new(LabFaults.ReplicationPartitioned, "The replication link is down: the array reports Partitioned, update/swap/establish are refused, a failover leaves the other side R/W too (both sites R/W). Clearing restores the link; the pair is then Suspended with invalid tracks until restored.", "2 replication",
                [P("group", "Replication group, or * for all.", "*"), P("tracks", "Invalid tracks accumulated while partitioned.", "15000", LabParameterKind.Number)]),
            new(LabFaults.ReplicationSuspended, "Replication is suspended with invalid tracks (not in full sync). Clearing resumes it and resyncs.", "2 replication",
                [P("group", "Replication group, or * for all.", "*"), P("tracks", "Invalid tracks.", "25000", LabParameterKind.Number)]),
            new(LabFaults.ReplicationLagging, "Asynchronous replication lags: Consistent with invalid tracks and lag, so not in full sync; a sync (update) catches up.", "2 replication",
                [P("group", "Replication group, or * for all.", "*"), P("tracks", "Invalid tracks.", "4000", LabParameterKind.Number), P("lagSeconds", "Replication lag.", "300", LabParameterKind.Number)]),
            new(LabFaults.CmsNameAnswersElsewhere, "Another machine answers as the CMS name (what=name) or at one of its addresses (what=address): /recoverCMS's Network Name or IP Address fails (duplicate name / IP).", "3 duplicate name or IP",
                [P("what", "name or address.", "name", choices: ["name", "address"]), P("name", "The name that answers.", state.CmsName), P("address", $"The address that answers; empty: 10.99.0.50 for what=name, and for what=address {Network.NetworkView.DefaultImpostorAddress(state)}, the CMS address /recoverCMS uses at the standby.", null)]),
            new(LabFaults.StorageGroupAddedAfterPreparation, "A storage group and database are added to the CMS in AD (and to the running CMS) after the standby was prepared, on replicated disks: /recoverCMS must create it.", "4 stale standby",
                [P("storageGroup", "Storage group name.", added.Name), P("database", "Database name.", added.Databases[0].Name), P("logPrefix", "Log prefix.", added.LogPrefix),
                 P("edbPath", "Database file.", added.Databases[0].EdbPath), P("logPath", "Log folder.", added.LogPath), P("systemPath", "System folder.", added.SystemPath)]),
            new(LabFaults.LogPrefixMismatch, "AD's log prefix for a storage group differs from the log files on disk: mounting fails with -539 (log set mismatch).", "6 log/database set mismatch (seed problem 3)",
                [P("storageGroup", "Storage group.", state.Directory.StorageGroups.LastOrDefault()?.Name), P("logPrefix", "The prefix AD will say.", "E05")]),
            new(LabFaults.PassiveRoleMissing, "Exchange (the passive clustered mailbox role) is not installed on a node: /recoverCMS refuses; prepare-standby installs it.", "5 passive role",
                [P("node", "The node.", state.Sites[^1].Nodes[^1].Name)]),
            new(LabFaults.ExchangeVersionMismatch, "A node runs another Exchange build than the CMS in AD: /recoverCMS on it refuses.", "5 service pack",
                [P("node", "The node.", state.Sites[^1].Nodes[0].Name), P("version", "The node's build.", "8.0.685.24", LabParameterKind.Build)]),
            new(LabFaults.DirtyShutdownMissingLogs, "A database header is in Dirty Shutdown and the logs it requires are missing: mounting fails with -543 (or -528). Clearing marks it recovered (clean).", "6 database state",
                [P("database", "The database.", state.Databases.FirstOrDefault()?.Name), P("error", "-543 or -528.", "-543", LabParameterKind.Number)]),
            new(LabFaults.DirtyShutdown, "A database header is in Dirty Shutdown with its logs present: eseutil /mh says so; mounting replays the logs. Clearing marks it clean.", "6 database state",
                [P("database", "The database.", state.Databases.FirstOrDefault()?.Name)]),
            new(LabFaults.ComputerAccountNotReplicated, "The CMS computer account has not replicated to the site's domain controller: /recoverCMS fails after waiting about 60 seconds.", "setup error",
                [P("site", "The site whose DC lags.", standby)]),
            new(LabFaults.ClusterNameObjectLacksRights, "The cluster name object lacks rights on the CMS computer object: the Network Name fails with 0x8007139f.", "setup error",
                [P("cluster", "The cluster.", state.Sites[^1].ClusterName)]),
            new(LabFaults.DnsServerStale, "A DNS server never converges to the new CMS address (until cleared).", "8 DNS",
                [P("server", "The DNS server.", state.Dns.FirstOrDefault(d => d.Site == primary)?.Address)]),
            new(LabFaults.SiteIsolated, "A site's nodes are cut off the network: what they host does not answer, they cannot be commanded (RPC server unavailable) unless consoleAccess=true (an operator at the console).", "1 isolation",
                [P("site", "The site.", primary), P("consoleAccess", "true: commands still reach the nodes (local console).", "false", LabParameterKind.Flag), P("includeDns", "true: the site's DNS servers time out too.", "false", LabParameterKind.Flag)]),
            new(LabFaults.SetupFails, "setup.com fails on a node for one command (recoverCMS, clearLocalCMS, upgradeCMS, install, upgrade or *), logging the message as [ERROR].", "setup error",
                [P("node", "The node, or *.", "*"), P("command", "The setup operation, or *.", "*", LabParameterKind.SetupOperation), P("message", "The [ERROR] text.", null)]),
        ];
    }

    public static LabFaultDescriptor Find(LabState state, string name) =>
        Describe(state).FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LabFaultException($"There is no lab fault '{name}'. Known faults: {string.Join(", ", Describe(state).Select(d => d.Name))}.");

    private static LabFaultParameter P(string name, string description, string? defaultValue, LabParameterKind kind = LabParameterKind.Text, IReadOnlyList<string>? choices = null) =>
        new(name, description, defaultValue, kind, choices);
}
