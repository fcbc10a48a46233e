using RunbookHost.Exchange.Storage;

namespace RunbookHost.Lab.State;

/// <summary>One replication group (an SRDF device group, a SnapMirror relationship) as the array sees it.</summary>
internal sealed class LabReplicationGroup
{
    public string Name { get; set; } = string.Empty;

    public string Adapter { get; set; } = "Srdf";

    /// <summary>The vendor's name for the group (SRDF device group), used on command lines.</summary>
    public string DeviceGroup { get; set; } = string.Empty;

    /// <summary>Sites whose devices are R/W; the others are write-disabled.</summary>
    public List<string> ReadWriteSites { get; set; } = [];

    /// <summary>The site replication copies from (R1).</summary>
    public string SourceSite { get; set; } = string.Empty;

    public string TargetSite { get; set; } = string.Empty;

    public ReplicationState State { get; set; } = ReplicationState.Synchronized;

    /// <summary>The replication link is down (reported as Partitioned whatever the pair state).</summary>
    public bool LinkDown { get; set; }

    public long InvalidTracks { get; set; }

    public TimeSpan? Lag { get; set; }

    /// <summary>When the running resync started and how many tracks it had to copy then.</summary>
    public DateTimeOffset? ResyncStartedAt { get; set; }

    public long ResyncStartTracks { get; set; }

    public DateTimeOffset? FailedOverAt { get; set; }

    /// <summary>
    /// Sites whose devices hold no consistent image: made R/W by a failover while a resync to them was still copying
    /// (block replication copies the invalid tracks in no write order), or since sent such an image by a completed
    /// resync. A site leaves the list when a resync from a consistent source to it completes.
    /// </summary>
    public List<string> IncompleteCopySites { get; set; } = [];

    public bool IsReadWriteAt(string site) => ReadWriteSites.Contains(site, StringComparer.OrdinalIgnoreCase);
}
