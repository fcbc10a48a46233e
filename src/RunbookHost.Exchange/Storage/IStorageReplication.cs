using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Storage;

/// <summary>The replication states an adapter reports, named as storage arrays name them.</summary>
public enum ReplicationState
{
    /// <summary>Synchronous replication, every track copied.</summary>
    Synchronized,

    /// <summary>Asynchronous replication with a consistent copy.</summary>
    Consistent,

    SyncInProgress,

    /// <summary>Replication stopped with both sides usable (split).</summary>
    Split,

    Suspended,

    /// <summary>The link between the arrays is down.</summary>
    Partitioned,

    /// <summary>The target side was made R/W; replication is not running.</summary>
    FailedOver,

    Invalid,
}

/// <summary>What the array says of one replication group.</summary>
/// <param name="Group">The replication group.</param>
/// <param name="ReadWriteSites">The sites whose devices are R/W (one normally; two is split brain).</param>
/// <param name="SourceSite">The site replication copies from (when replicating).</param>
/// <param name="State">The pair state.</param>
/// <param name="InvalidTracks">Tracks still to copy (0 when in full sync).</param>
/// <param name="Lag">Replication lag for asynchronous modes.</param>
public sealed record ReplicationStatus(string Group, IReadOnlyList<string> ReadWriteSites, string SourceSite, ReplicationState State, long InvalidTracks, TimeSpan? Lag)
{
    /// <summary>Synchronized (or consistent) with nothing left to copy.</summary>
    public bool InFullSync => State is ReplicationState.Synchronized or ReplicationState.Consistent && InvalidTracks == 0;

    public bool IsReadWriteAt(string site) => ReadWriteSites.Contains(site, StringComparer.OrdinalIgnoreCase);

    public bool CopiesFrom(string site) => string.Equals(SourceSite, site, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why this group cannot reach full sync copying from <paramref name="from"/> (from either site when null) unless
    /// someone acts on the array, or null when it is in full sync or copying towards it: it copies nothing (split,
    /// suspended, partitioned, failed over, invalid, or R/W at other than one site), or it copies from the other site.
    /// </summary>
    public string? CannotSyncReason(string? from)
    {
        if (State is not (ReplicationState.Synchronized or ReplicationState.Consistent or ReplicationState.SyncInProgress) || ReadWriteSites.Count != 1)
        {
            string readWrite = ReadWriteSites.Count == 0 ? "no site" : string.Join(" and ", ReadWriteSites);
            return $"{Group} is {State}, R/W at {readWrite}, with {InvalidTracks} invalid tracks: it copies nothing, so no wait brings it to full sync until replication is re-established on the array";
        }

        return from is not null && !CopiesFrom(from)
            ? $"{Group} replicates from {SourceSite} ({State}), not from {from}: the copy at {SourceSite} would overwrite the current data at {from}"
            : null;
    }
}

/// <summary>
/// The verbs of a storage replication adapter (the same shape as VMware SRM's SRAs). Sites are the
/// topology's site names; an adapter maps them to array sides.
/// </summary>
public interface IStorageReplication
{
    Task<ReplicationStatus> QueryAsync(string group, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>Copies outstanding changes once (e.g. <c>symrdf update</c>, <c>snapmirror update</c>).</summary>
    Task SyncOnceAsync(string group, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="site"/>'s devices R/W and the other side's R/O.</summary>
    Task FailoverAsync(string group, string site, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>Swaps roles so that replication runs from the current R/W site to the other one.</summary>
    Task ReverseAsync(string group, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>Re-establishes replication and resynchronises (e.g. <c>symrdf establish</c>, <c>snapmirror resync</c>).</summary>
    Task RestoreAsync(string group, ICommandLog log, CancellationToken cancellationToken);
}
