using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.Drivers;

/// <summary>IStorageReplication against the lab's arrays (symrdf / snapmirror style output).</summary>
internal sealed class LabStorageReplication(LabEnvironment lab) : IStorageReplication
{
    public Task<ReplicationStatus> QueryAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => StorageRules.Query(state, now, group), log, cancellationToken);

    public Task SyncOnceAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => StorageRules.SyncOnce(state, now, group), log, cancellationToken);

    public Task FailoverAsync(string group, string site, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => StorageRules.Failover(state, now, group, site), log, cancellationToken);

    public Task ReverseAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => StorageRules.Reverse(state, now, group), log, cancellationToken);

    public Task RestoreAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => StorageRules.Restore(state, now, group), log, cancellationToken);
}
