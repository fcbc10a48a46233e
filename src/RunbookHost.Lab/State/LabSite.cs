using RunbookHost.Exchange.Cluster;

namespace RunbookHost.Lab.State;

/// <summary>One site: its cluster (groups and resources) and its nodes.</summary>
internal sealed class LabSite
{
    public string Name { get; set; } = string.Empty;

    public string ClusterName { get; set; } = string.Empty;

    public List<string> CmsAddresses { get; set; } = [];

    public List<LabNode> Nodes { get; set; } = [];

    public List<LabGroup> Groups { get; set; } = [];

    public List<LabResource> Resources { get; set; } = [];
}

/// <summary>A cluster node: whether the runbook host can command it, whether it is cut off the network, what Exchange has installed.</summary>
internal sealed class LabNode
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The runbook host can run commands on it (false: RPC server unavailable).</summary>
    public bool Reachable { get; set; } = true;

    /// <summary>Cut off the client and replication network: what it hosts does not answer.</summary>
    public bool Isolated { get; set; }

    public List<string> Roles { get; set; } = [];

    public string? Version { get; set; }

    public bool PassiveClusteredMailbox { get; set; }

    /// <summary>HKLM\Software\Microsoft\Exchange\v8.0\ClusteredMailboxServer Watermark after a half-finished setup.</summary>
    public string? SetupWatermark { get; set; }

    public string? SetupAction { get; set; }

    /// <summary>%SystemDrive%\ExchangeSetupLogs\ExchangeSetup.log, appended per run.</summary>
    public string SetupLog { get; set; } = string.Empty;
}

/// <summary>A cluster group: its owner node and state.</summary>
internal sealed class LabGroup
{
    public string Name { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public ClusterState State { get; set; } = ClusterState.Offline;
}

/// <summary>A cluster resource: type, group, state, dependencies and type-specific properties.</summary>
internal sealed class LabResource
{
    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string Group { get; set; } = string.Empty;

    public ClusterState State { get; set; } = ClusterState.Offline;

    public List<string> Dependencies { get; set; } = [];

    /// <summary>Address (IP), Name (Network Name), Path (Physical Disk), StorageGroup / Database (Database Instance).</summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the resource last failed, as the cluster log would say.</summary>
    public string? FailureReason { get; set; }

    public DateTimeOffset? OnlineSince { get; set; }

    public string? Property(string name) => Properties.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>Cluster resource type names as cluster.exe lists them.</summary>
internal static class ResourceTypes
{
    public const string IpAddress = "IP Address";
    public const string NetworkName = "Network Name";
    public const string SystemAttendant = "Microsoft Exchange System Attendant";
    public const string InformationStore = "Microsoft Exchange Information Store";
    public const string DatabaseInstance = "Microsoft Exchange Database Instance";
    public const string PhysicalDisk = "Physical Disk";

    public static bool IsCms(string type) => type is not PhysicalDisk;
}
