using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Cluster;

/// <summary>cluster.exe group /moveto against the lab.</summary>
internal static class ClusterGroupRules
{
    /// <summary>
    /// Moves a group to another node of its cluster. As the cluster service does, the resources that were
    /// online are taken offline, the owner changes, and those resources are brought back online on the node;
    /// an offline group only changes owner. A move to the node that owns the group changes nothing.
    /// </summary>
    public static LabOutcome<bool> Move(LabState state, DateTimeOffset now, string cluster, string group, string node, TimeSpan wait)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} group {ClusterOutput.Quote(group)} /moveto:{node} /wait:{(int)wait.TotalSeconds}");
        if (ClusterRules.Refuse<bool>(state, cluster, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        if (site.Group(group) is not { } target)
        {
            return command.Fail<bool>(5013, ClusterErrors.GroupNotFound, Durations.ClusterQuery, $"{cluster}: group '{group}': The cluster group could not be found.");
        }

        string moving = $"Moving resource group '{target.Name}'...\n\n";
        if (site.Nodes.FirstOrDefault(n => string.Equals(n.Name, node, StringComparison.OrdinalIgnoreCase)) is not { } destination)
        {
            string elsewhere = state.SiteOfNode(node) is { } other ? $" '{node}' is a node of {other.ClusterName}." : string.Empty;
            return command.Fail<bool>(5042, moving + ClusterErrors.NodeNotFound, Durations.ClusterQuery,
                $"Cannot move group '{target.Name}' to '{node}': {ClusterErrors.NodeNotFound.Replace('\n', ' ')}{elsewhere} The nodes of {cluster} are {string.Join(", ", site.Nodes.Select(n => n.Name))}.");
        }

        if (string.Equals(target.Owner, destination.Name, StringComparison.OrdinalIgnoreCase))
        {
            return command.Ok(true, moving + ClusterOutput.Groups(site, [target], null), Durations.ClusterQuery);
        }

        var wasOnline = site.ResourcesOf(target.Name).Where(r => r.State is ClusterState.Online or ClusterState.Pending).ToList();
        var engine = new ResourceEngine(state, site, now);
        engine.OfflineGroup(target);
        target.Owner = destination.Name;
        foreach (var resource in wasOnline)
        {
            engine.Online(resource);
        }

        ResourceEngine.Refresh(site, target);
        string output = ClusterOutput.WithTrace(moving + ClusterOutput.Groups(site, [target], null), engine.Trace);
        var duration = (wasOnline.Count > 0 ? Durations.ClusterGroupOffline + Durations.ClusterGroupOnlineBase : Durations.ClusterQuery) + engine.Work;
        var failed = wasOnline.Where(r => r.State != ClusterState.Online).ToList();
        if (failed.Count > 0)
        {
            return command.Fail<bool>(5018, ClusterErrors.CouldNotBringOnline + "\n\n" + output, duration,
                $"Group '{target.Name}' moved to {destination.Name} on {site.ClusterName} but did not come back online there: {string.Join(" ", failed.Select(r => $"'{r.Name}' is {r.State}{(r.FailureReason is null ? "." : ": " + r.FailureReason)}"))}");
        }

        return command.Ok(true, output, duration);
    }
}
