using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Lab.Cluster;

namespace RunbookHost.Lab.Drivers;

/// <summary>IClusterControl against the lab: cluster.exe's rules, output and errors.</summary>
internal sealed class LabClusterControl(LabEnvironment lab) : IClusterControl
{
    public Task<IReadOnlyList<ClusterGroupStatus>> GetGroupsAsync(string cluster, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterRules.Groups(state, now, cluster), log, cancellationToken);

    public Task<IReadOnlyList<ClusterResourceStatus>> GetResourcesAsync(string cluster, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterRules.Resources(state, now, cluster), log, cancellationToken);

    public Task TakeGroupOfflineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterRules.GroupOffline(state, now, cluster, group, wait), log, cancellationToken);

    public Task BringGroupOnlineAsync(string cluster, string group, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterRules.GroupOnline(state, now, cluster, group, wait), log, cancellationToken);

    public Task MoveGroupAsync(string cluster, string group, string node, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterGroupRules.Move(state, now, cluster, group, node, wait), log, cancellationToken);

    public Task TakeResourceOfflineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterRules.ResourceOffline(state, now, cluster, resource, wait), log, cancellationToken);

    public Task BringResourceOnlineAsync(string cluster, string resource, TimeSpan wait, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterRules.ResourceOnline(state, now, cluster, resource, wait), log, cancellationToken);

    public Task MoveResourceAsync(string cluster, string resource, string group, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterResourceRules.Move(state, now, cluster, resource, group), log, cancellationToken);

    public Task AddDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterResourceRules.AddDependency(state, now, cluster, resource, dependsOn), log, cancellationToken);

    public Task RemoveDependencyAsync(string cluster, string resource, string dependsOn, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterResourceRules.RemoveDependency(state, now, cluster, resource, dependsOn), log, cancellationToken);

    public Task<IReadOnlyList<string>> ListDependenciesAsync(string cluster, string resource, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => ClusterResourceRules.ListDependencies(state, now, cluster, resource), log, cancellationToken);
}
