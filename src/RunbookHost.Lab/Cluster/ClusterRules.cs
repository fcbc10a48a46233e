using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Cluster;

/// <summary>cluster.exe against the lab: status, group and resource online/offline.</summary>
internal static class ClusterRules
{
    public static LabOutcome<IReadOnlyList<ClusterGroupStatus>> Groups(LabState state, DateTimeOffset now, string cluster)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} group /stat");
        if (Refuse<IReadOnlyList<ClusterGroupStatus>>(state, cluster, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        IReadOnlyList<ClusterGroupStatus> groups = [.. site.Groups.Select(g => new ClusterGroupStatus(g.Name, g.Owner, g.State))];
        return command.Ok(groups, ClusterOutput.Groups(site, site.Groups), Durations.ClusterQuery);
    }

    public static LabOutcome<IReadOnlyList<ClusterResourceStatus>> Resources(LabState state, DateTimeOffset now, string cluster)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} res /stat");
        if (Refuse<IReadOnlyList<ClusterResourceStatus>>(state, cluster, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        IReadOnlyList<ClusterResourceStatus> resources = [.. site.Resources.Select(r => new ClusterResourceStatus(r.Name, r.Group, site.OwnerOf(r), r.State))];
        return command.Ok(resources, ClusterOutput.Resources(site, site.Resources), Durations.ClusterQuery);
    }

    public static LabOutcome<bool> GroupOnline(LabState state, DateTimeOffset now, string cluster, string group, TimeSpan wait)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} group {ClusterOutput.Quote(group)} /online /wait:{(int)wait.TotalSeconds}");
        if (Refuse<bool>(state, cluster, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        if (site.Group(group) is not { } target)
        {
            return command.Fail<bool>(5013, ClusterErrors.GroupNotFound, Durations.ClusterQuery);
        }

        var engine = new ResourceEngine(state, site, now);
        engine.OnlineGroup(target);
        string output = ClusterOutput.WithTrace($"Bringing resource group '{target.Name}' online...\n\n" + ClusterOutput.Groups(site, [target], null), engine.Trace);
        var duration = Durations.ClusterGroupOnlineBase + engine.Work;
        if (target.State is ClusterState.Failed)
        {
            string reasons = string.Join(" ", site.ResourcesOf(target.Name).Where(r => r.State == ClusterState.Failed).Select(r => r.FailureReason));
            return command.Fail<bool>(5018, ClusterErrors.CouldNotBringOnline + "\n\n" + output, duration, $"Group '{target.Name}' on {site.ClusterName} failed to come online: {reasons}");
        }

        return command.Ok(true, output, duration);
    }

    public static LabOutcome<bool> GroupOffline(LabState state, DateTimeOffset now, string cluster, string group, TimeSpan wait)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} group {ClusterOutput.Quote(group)} /offline /wait:{(int)wait.TotalSeconds}");
        if (Refuse<bool>(state, cluster, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        if (site.Group(group) is not { } target)
        {
            return command.Fail<bool>(5013, ClusterErrors.GroupNotFound, Durations.ClusterQuery);
        }

        var engine = new ResourceEngine(state, site, now);
        engine.OfflineGroup(target);
        target.State = site.ResourcesOf(target.Name).Any() ? target.State : ClusterState.Offline;
        string output = ClusterOutput.WithTrace($"Taking resource group '{target.Name}' offline...\n\n" + ClusterOutput.Groups(site, [target], null), engine.Trace);
        return command.Ok(true, output, Durations.ClusterGroupOffline);
    }

    public static LabOutcome<bool> ResourceOnline(LabState state, DateTimeOffset now, string cluster, string resource, TimeSpan wait)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} res {ClusterOutput.Quote(resource)} /online /wait:{(int)wait.TotalSeconds}");
        if (Target<bool>(state, cluster, resource, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        var target = site.Resource(resource)!;
        var engine = new ResourceEngine(state, site, now);
        bool online = engine.Online(target);
        ResourceEngine.Refresh(site, site.Group(target.Group)!);
        string output = ClusterOutput.WithTrace($"Bringing resource '{target.Name}' online...\n\n" + ClusterOutput.Resources(site, [target], null), engine.Trace);
        var duration = Durations.ClusterResourceOnOff + engine.Work;
        return online
            ? command.Ok(true, output, duration)
            : command.Fail<bool>(5018, ClusterErrors.CouldNotBringOnline + "\n\n" + output, duration, $"Resource '{target.Name}' on {site.ClusterName} could not be brought online: {target.FailureReason}");
    }

    public static LabOutcome<bool> ResourceOffline(LabState state, DateTimeOffset now, string cluster, string resource, TimeSpan wait)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} res {ClusterOutput.Quote(resource)} /offline /wait:{(int)wait.TotalSeconds}");
        if (Target<bool>(state, cluster, resource, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        var target = site.Resource(resource)!;
        var engine = new ResourceEngine(state, site, now);
        engine.Offline(target);
        ResourceEngine.Refresh(site, site.Group(target.Group)!);
        string output = ClusterOutput.WithTrace($"Taking resource '{target.Name}' offline...\n\n" + ClusterOutput.Resources(site, [target], null), engine.Trace);
        return command.Ok(true, output, Durations.ClusterResourceOnOff);
    }

    /// <summary>The cluster cannot be reached (unknown name, or every node unreachable): RPC server unavailable after the RPC timeout.</summary>
    internal static LabOutcome<T>? Refuse<T>(LabState state, string cluster, LabCommand command) =>
        state.SiteByCluster(cluster) is { } site && site.Answers()
            ? null
            : command.Fail<T>(1722, ClusterErrors.RpcUnavailable, Durations.RpcTimeout, $"cluster /cluster:{cluster}: System error 1722 has occurred (0x000006ba). The RPC server is unavailable.");

    internal static LabOutcome<T>? Target<T>(LabState state, string cluster, string resource, LabCommand command) =>
        Refuse<T>(state, cluster, command)
        ?? (state.SiteByCluster(cluster)!.Resource(resource) is null ? command.Fail<T>(5007, ClusterErrors.ResourceNotFound, Durations.ClusterQuery, $"{cluster}: resource '{resource}': The cluster resource could not be found.") : null);
}
