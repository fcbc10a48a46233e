using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Cluster;

/// <summary>The states cluster.exe reports for groups and resources.</summary>
public enum ClusterState
{
    Online,
    Offline,
    PartiallyOnline,
    Failed,
    Pending,
    Unknown,
}

/// <summary>A cluster group, its owner node and state.</summary>
public sealed record ClusterGroupStatus(string Name, string Owner, ClusterState State);

/// <summary>A cluster resource, its group, owner node and state.</summary>
public sealed record ClusterResourceStatus(string Name, string Group, string Owner, ClusterState State);

/// <summary>Cluster control, as <c>cluster.exe /cluster:&lt;name&gt;</c> offers it.</summary>
public interface IClusterControl
{
    Task<IReadOnlyList<ClusterGroupStatus>> GetGroupsAsync(string cluster, ICommandLog log, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClusterResourceStatus>> GetResourcesAsync(string cluster, ICommandLog log, CancellationToken cancellationToken);

    Task TakeGroupOfflineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken);

    Task BringGroupOnlineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a group to another node of its cluster: <c>cluster group "MBX-1" /moveto:NodeB</c>. An offline group
    /// stays offline; an online group is taken offline and brought back online on the node.
    /// </summary>
    Task MoveGroupAsync(string cluster, string group, string node, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken);

    Task TakeResourceOfflineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken);

    Task BringResourceOnlineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>Moves a resource (e.g. a Physical Disk) into a group: <c>cluster res "Disk F:" /moveto:"MBX-1"</c>.</summary>
    Task MoveResourceAsync(string cluster, string resource, string group, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="resource"/> depend on <paramref name="dependsOn"/>; fails while the resource is online.</summary>
    Task AddDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken);

    Task RemoveDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListDependenciesAsync(string cluster, string resource, ICommandLog log, CancellationToken cancellationToken);
}
