using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>One storage vendor's CLI behind the replication verbs; <see cref="StorageReplicationRouter"/> picks it by the group's Adapter.</summary>
internal interface IReplicationAdapter
{
    /// <summary>The topology's Adapter value this serves: Srdf, SnapMirror or Generic.</summary>
    string Name { get; }

    Task<ReplicationStatus> QueryAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken);

    Task SyncOnceAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken);

    Task FailoverAsync(ReplicationGroup group, string site, ICommandLog log, CancellationToken cancellationToken);

    Task ReverseAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken);

    Task RestoreAsync(ReplicationGroup group, ICommandLog log, CancellationToken cancellationToken);
}
