using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Cluster;

/// <summary>cluster.exe res /moveto, /adddep, /removedep, /listdep against the lab.</summary>
internal static class ClusterResourceRules
{
    public static LabOutcome<bool> Move(LabState state, DateTimeOffset now, string cluster, string resource, string group)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} res {ClusterOutput.Quote(resource)} /moveto:{ClusterOutput.Quote(group)}");
        if (ClusterRules.Target<bool>(state, cluster, resource, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        var target = site.Resource(resource)!;
        if (site.Group(group) is not { } destination)
        {
            return command.Fail<bool>(5013, ClusterErrors.GroupNotFound, Durations.ClusterQuery, $"{cluster}: group '{group}': The cluster group could not be found.");
        }

        if (string.Equals(target.Group, destination.Name, StringComparison.OrdinalIgnoreCase))
        {
            return command.Ok(true, $"Moving resource '{target.Name}' to group '{destination.Name}'...\n\n" + ClusterOutput.Resources(site, [target], null), Durations.ClusterQuery);
        }

        if (site.Resources.Any(r => r.Dependencies.Contains(target.Name, StringComparer.OrdinalIgnoreCase)) || target.Dependencies.Count > 0)
        {
            return command.Fail<bool>(5001, ClusterErrors.DependentsExist, Durations.ClusterQuery,
                $"{cluster}: '{target.Name}' cannot be moved to '{destination.Name}': other resources depend on it (or it depends on others); remove the dependencies first.");
        }

        var source = site.Group(target.Group);
        if (target.State == ClusterState.Online && source is not null && !string.Equals(source.Owner, destination.Owner, StringComparison.OrdinalIgnoreCase))
        {
            return command.Fail<bool>(5023, ClusterErrors.InvalidState, Durations.ClusterQuery,
                $"{cluster}: '{target.Name}' is online on {source.Owner} but group '{destination.Name}' is owned by {destination.Owner}: take it offline or move the groups to one node first.");
        }

        target.Group = destination.Name;
        if (source is not null)
        {
            ResourceEngine.Refresh(site, source);
            if (!site.ResourcesOf(source.Name).Any())
            {
                source.State = ClusterState.Offline;
            }
        }

        ResourceEngine.Refresh(site, destination);
        return command.Ok(true, $"Moving resource '{target.Name}' to group '{destination.Name}'...\n\n" + ClusterOutput.Resources(site, [target], null), Durations.MoveDisk);
    }

    public static LabOutcome<bool> AddDependency(LabState state, DateTimeOffset now, string cluster, string resource, string dependsOn)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} res {ClusterOutput.Quote(resource)} /adddep:{ClusterOutput.Quote(dependsOn)}");
        if ((ClusterRules.Target<bool>(state, cluster, resource, command) ?? ClusterRules.Target<bool>(state, cluster, dependsOn, command)) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        var target = site.Resource(resource)!;
        var provider = site.Resource(dependsOn)!;
        string done = $"Making resource '{target.Name}' depend on resource '{provider.Name}'...\n";
        if (target.Dependencies.Contains(provider.Name, StringComparer.OrdinalIgnoreCase))
        {
            return command.Fail<bool>(5003, done + ClusterErrors.DependencyExists, Durations.ClusterQuery, $"'{target.Name}' already depends on '{provider.Name}'.");
        }

        if (!string.Equals(target.Group, provider.Group, StringComparison.OrdinalIgnoreCase))
        {
            return command.Fail<bool>(87, done + ClusterErrors.NotSameGroup, Durations.ClusterQuery,
                $"'{target.Name}' (group '{target.Group}') cannot depend on '{provider.Name}' (group '{provider.Group}'): both resources must be in the same group (System error 87: The parameter is incorrect).");
        }

        if (string.Equals(target.Name, provider.Name, StringComparison.OrdinalIgnoreCase) || DependsOn(site, provider, target.Name))
        {
            return command.Fail<bool>(1059, done + ClusterErrors.CircularDependency, Durations.ClusterQuery, $"'{provider.Name}' already depends on '{target.Name}': circular dependency.");
        }

        if (target.State is ClusterState.Online or ClusterState.Pending)
        {
            return command.Fail<bool>(5019, done + ClusterErrors.ResourceOnline, Durations.ClusterQuery,
                $"Cannot add a dependency of '{target.Name}' on '{provider.Name}': System error 5019 (0x0000139b): the operation could not be completed because the cluster resource is online. Take '{target.Name}' offline first.");
        }

        target.Dependencies.Add(provider.Name);
        return command.Ok(true, done, Durations.Dependency);
    }

    public static LabOutcome<bool> RemoveDependency(LabState state, DateTimeOffset now, string cluster, string resource, string dependsOn)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} res {ClusterOutput.Quote(resource)} /removedep:{ClusterOutput.Quote(dependsOn)}");
        if (ClusterRules.Target<bool>(state, cluster, resource, command) is { } refused)
        {
            return refused;
        }

        var target = state.SiteByCluster(cluster)!.Resource(resource)!;
        string done = $"Removing dependency of resource '{target.Name}' on resource '{dependsOn}'...\n";
        int index = target.Dependencies.FindIndex(d => string.Equals(d, dependsOn, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return command.Fail<bool>(5002, done + ClusterErrors.DependencyNotFound, Durations.ClusterQuery, $"'{target.Name}' does not depend on '{dependsOn}'.");
        }

        target.Dependencies.RemoveAt(index);
        return command.Ok(true, done, Durations.Dependency);
    }

    public static LabOutcome<IReadOnlyList<string>> ListDependencies(LabState state, DateTimeOffset now, string cluster, string resource)
    {
        var command = new LabCommand(cluster, $"cluster /cluster:{cluster} res {ClusterOutput.Quote(resource)} /listdep");
        if (ClusterRules.Target<IReadOnlyList<string>>(state, cluster, resource, command) is { } refused)
        {
            return refused;
        }

        var site = state.SiteByCluster(cluster)!;
        var target = site.Resource(resource)!;
        var dependencies = target.Dependencies.Select(site.Resource).OfType<LabResource>().ToList();
        IReadOnlyList<string> names = [.. target.Dependencies];
        return command.Ok(names, ClusterOutput.Resources(site, dependencies, $"Listing resource dependencies for '{target.Name}':"), Durations.ClusterQuery);
    }

    private static bool DependsOn(LabSite site, LabResource resource, string name) =>
        resource.Dependencies.Any(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase)
            || (site.Resource(d) is { } next && DependsOn(site, next, name)));
}
