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

    /// <summary>
    /// As the array drivers reverse: ask the array, swap unless the side that is R/W already is the source (a swap
    /// done before, its establish not yet), then establish. Separate commands, so a host can stop between them.
    /// </summary>
    public async Task ReverseAsync(string group, ICommandLog log, CancellationToken cancellationToken)
    {
        var status = await QueryAsync(group, log, cancellationToken);
        bool swapped = status.ReadWriteSites.Count == 1 && status.IsReadWriteAt(status.SourceSite);
        if (swapped && status.State is ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress)
        {
            return; // already replicating from the R/W side
        }

        if (!swapped)
        {
            await lab.ExecuteAsync((state, now) => StorageRules.Swap(state, now, group), log, cancellationToken);
        }

        await lab.ExecuteAsync((state, now) => StorageRules.Restore(state, now, group), log, cancellationToken);
    }

    public Task RestoreAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => StorageRules.Restore(state, now, group), log, cancellationToken);
}
