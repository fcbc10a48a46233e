using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>The storage replication port: finds the group in the topology and hands it to the adapter its Adapter names.</summary>
internal sealed class StorageReplicationRouter(SccTopology topology, IEnumerable<IReplicationAdapter> adapters) : IStorageReplication
{
    private readonly Dictionary<string, IReplicationAdapter> byName = adapters.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);

    public Task<ReplicationStatus> QueryAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        Route(group, out var g).QueryAsync(g, log, cancellationToken);

    public Task SyncOnceAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        Route(group, out var g).SyncOnceAsync(g, log, cancellationToken);

    public Task FailoverAsync(string group, string site, ICommandLog log, CancellationToken cancellationToken) =>
        Route(group, out var g).FailoverAsync(g, topology.Site(site).Name, log, cancellationToken);

    public Task ReverseAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        Route(group, out var g).ReverseAsync(g, log, cancellationToken);

    public Task RestoreAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        Route(group, out var g).RestoreAsync(g, log, cancellationToken);

    private IReplicationAdapter Route(string name, out ReplicationGroup group)
    {
        group = topology.ReplicationGroups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new PortException($"There is no replication group '{name}' in the topology.");
        return byName.TryGetValue(group.Adapter, out var adapter)
            ? adapter
            : throw new PortException($"Replication group '{name}' uses adapter '{group.Adapter}', which is not one of {string.Join(", ", byName.Keys)}.");
    }
}
