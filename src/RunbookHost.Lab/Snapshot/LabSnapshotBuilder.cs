using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Network;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.Snapshot;

/// <summary>Builds the UI's read model from the state, with warnings for what an operator must not miss.</summary>
internal static class LabSnapshotBuilder
{
    public static LabSnapshot Build(LabState state, DateTimeOffset now) => new(
        now,
        state.Settings.TimeScale,
        state.Revision,
        [.. state.Sites.Select(Site)],
        [.. state.Replication.Select(Replication)],
        new LabDirectoryView(state.Directory.CmsName, state.Directory.CmsVersion, state.Directory.ComputerAccountEnabled, [.. state.Directory.StorageGroups.Select(g =>
            new StorageGroupConfiguration(g.Name, g.LogPrefix, g.LogPath, g.SystemPath, [.. g.Databases.Select(d => new DatabaseConfiguration(d.Name, d.EdbPath))]))]),
        [.. state.Databases.Select(d => new LabDatabaseView(d.Name, d.StorageGroup, d.EdbPath, d.Header.ToString(), d.LogRequired, MountedAt(state, d)))],
        [.. state.Dns.Select(d => new LabDnsServerView(d.Address, d.Site, d.Reachable, [.. d.Addresses], d.Ttl, d.PendingAddresses is null ? null : [.. d.PendingAddresses], d.ConvergesAt,
            state.ActiveFor(LabFaults.DnsServerStale, "server", d.Address) is not null))],
        [.. state.Faults.Select(f => new LabActiveFaultView(f.Name, new Dictionary<string, string>(f.Parameters), f.Since))],
        [.. state.RecentCommands],
        Warnings(state));

    private static LabSiteView Site(LabSite site) => new(
        site.Name,
        site.ClusterName,
        [.. site.CmsAddresses],
        [.. site.Nodes.Select(n => new LabNodeView(n.Name, n.Reachable, n.Isolated, [.. n.Roles], n.Version, n.PassiveClusteredMailbox, n.SetupWatermark,
            n.SetupLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.EndsWith("*****", StringComparison.Ordinal)).LastOrDefault()))],
        [.. site.Groups.Select(g => new LabGroupView(g.Name, g.Owner, ClusterOutput.Word(g.State), [.. site.ResourcesOf(g.Name).Select(r =>
            new LabResourceView(r.Name, r.Type, ClusterOutput.Word(r.State), [.. r.Dependencies], r.FailureReason))]))]);

    private static LabReplicationView Replication(LabReplicationGroup group)
    {
        var status = StorageRules.Status(group);
        return new LabReplicationView(group.Name, group.DeviceGroup, group.Adapter, status.ReadWriteSites, group.SourceSite, group.TargetSite,
            status.State.ToString(), status.InvalidTracks, status.Lag, status.InFullSync);
    }

    private static string? MountedAt(LabState state, LabDatabase database) =>
        state.Sites.FirstOrDefault(s => s.Resources.Any(r => r.Type == ResourceTypes.DatabaseInstance && r.State == ClusterState.Online
            && string.Equals(r.Property("Database"), database.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Property("StorageGroup"), database.StorageGroup, StringComparison.OrdinalIgnoreCase)))?.Name;

    private static List<string> Warnings(LabState state)
    {
        var warnings = new List<string>();
        foreach (var group in state.Replication.Where(g => g.ReadWriteSites.Count > 1))
        {
            warnings.Add($"Split brain: {group.Name} is R/W at {string.Join(" and ", group.ReadWriteSites)}.");
        }

        foreach (var group in state.Replication.Where(g => g.IncompleteCopySites.Count > 0))
        {
            warnings.Add($"Incomplete copy: the devices of {group.Name} at {string.Join(" and ", group.IncompleteCopySites)} hold no consistent image (a failover came before a resync had finished copying); its databases do not mount there.");
        }

        var running = state.Sites.Where(s => state.CmsNetworkName(s) is { State: ClusterState.Online }).Select(s => s.Name).ToList();
        if (running.Count > 1)
        {
            warnings.Add($"The CMS network name is online at {string.Join(" and ", running)}.");
        }

        if (state.Dns.Select(d => string.Join(",", d.Addresses.Order(StringComparer.Ordinal))).Distinct().Count() > 1)
        {
            warnings.Add("The DNS servers disagree on the CMS address (not converged).");
        }

        if (state.CmsName.Length > 0 && running.Count == 0 && NetworkView.NameAnswers(state, state.CmsName) is { } impostor)
        {
            warnings.Add($"Something else answers as {state.CmsName} ({impostor}).");
        }

        return warnings;
    }
}
