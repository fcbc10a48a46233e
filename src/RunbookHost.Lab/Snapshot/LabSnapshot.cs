using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Inspection;

namespace RunbookHost.Lab.Snapshot;

/// <summary>The simulated environment as the UI shows it (GET /api/lab): both sites, storage, AD, databases, DNS, faults, recent commands and warnings.</summary>
public sealed record LabSnapshot(
    DateTimeOffset At,
    double TimeScale,
    long Revision,
    IReadOnlyList<LabSiteView> Sites,
    IReadOnlyList<LabReplicationView> Replication,
    LabDirectoryView Directory,
    IReadOnlyList<LabDatabaseView> Databases,
    IReadOnlyList<LabDnsServerView> Dns,
    IReadOnlyList<LabActiveFaultView> Faults,
    IReadOnlyList<CommandRecord> RecentCommands,
    IReadOnlyList<string> Warnings)
{
    public LabSiteView? Site(string name) => Sites.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One site: its cluster's groups and resources and its nodes.</summary>
public sealed record LabSiteView(string Name, string ClusterName, IReadOnlyList<string> CmsAddresses, IReadOnlyList<LabNodeView> Nodes, IReadOnlyList<LabGroupView> Groups)
{
    public LabGroupView? Group(string name) => Groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A node: reachability, isolation, installed Exchange, setup watermark and the last line of its setup log.</summary>
public sealed record LabNodeView(string Name, bool Reachable, bool Isolated, IReadOnlyList<string> Roles, string? Version, bool PassiveClusteredMailbox, string? SetupWatermark, string? LastSetupLogLine);

/// <summary>A cluster group with its owner, state and resources.</summary>
public sealed record LabGroupView(string Name, string Owner, string State, IReadOnlyList<LabResourceView> Resources);

/// <summary>A cluster resource: type, state, dependencies and why it last failed.</summary>
public sealed record LabResourceView(string Name, string Type, string State, IReadOnlyList<string> Dependencies, string? FailureReason);

/// <summary>A replication group: which sites are R/W, the direction, pair state and progress.</summary>
public sealed record LabReplicationView(string Group, string DeviceGroup, string Adapter, IReadOnlyList<string> ReadWriteSites, string SourceSite, string TargetSite, string State, long InvalidTracks, TimeSpan? Lag, bool InFullSync);

/// <summary>The CMS as Active Directory has it.</summary>
public sealed record LabDirectoryView(string CmsName, string CmsVersion, bool ComputerAccountEnabled, IReadOnlyList<StorageGroupConfiguration> StorageGroups);

/// <summary>A database file: header state, logs required, whether and where it is mounted.</summary>
public sealed record LabDatabaseView(string Name, string StorageGroup, string EdbPath, string Header, string? LogRequired, string? MountedAt);

/// <summary>What one DNS server answers for the CMS name now, and what it will answer when.</summary>
public sealed record LabDnsServerView(string Server, string Site, bool Reachable, IReadOnlyList<string> Addresses, TimeSpan Ttl, IReadOnlyList<string>? PendingAddresses, DateTimeOffset? ConvergesAt, bool Stale);

/// <summary>An injected fault.</summary>
public sealed record LabActiveFaultView(string Name, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset Since);
