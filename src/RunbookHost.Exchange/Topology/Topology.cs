namespace RunbookHost.Exchange.Topology;

/// <summary>
/// The environment a runbook acts on: the two sites, the clustered mailbox server, its Physical
/// Disk resources and the storage replication groups that copy them. Bound from
/// <c>Runbook:Topology</c> (or the JSON file <c>Runbook:TopologyFile</c> names).
/// </summary>
public sealed class SccTopology
{
    /// <summary>The two sites, by role; the first is the one the CMS normally runs at.</summary>
    public List<Site> Sites { get; set; } = [];

    public ClusteredMailboxServer Cms { get; set; } = new();

    public List<DiskResource> Disks { get; set; } = [];

    public List<ReplicationGroup> ReplicationGroups { get; set; } = [];

    public Site Site(string name) =>
        Sites.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new TopologyException($"There is no site '{name}' (sites: {string.Join(", ", Sites.Select(s => s.Name))}).");

    /// <summary>The site that is not <paramref name="name"/>.</summary>
    public Site OtherSite(string name) => Sites.First(s => !string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The site a node belongs to.</summary>
    public Site SiteOfNode(string node) =>
        Sites.FirstOrDefault(s => s.Nodes.Contains(node, StringComparer.OrdinalIgnoreCase))
        ?? throw new TopologyException($"Node '{node}' belongs to no site.");
}

/// <summary>One site: its cluster, nodes, the CMS's addresses there and the DNS servers to verify.</summary>
public sealed class Site
{
    /// <summary>The site's name in runbooks, e.g. "primary" or "standby".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The Windows cluster name, used with <c>cluster.exe /cluster:</c>.</summary>
    public string ClusterName { get; set; } = string.Empty;

    public List<string> Nodes { get; set; } = [];

    /// <summary>The CMS's IPv4 addresses when it runs at this site (<c>/cmsIPV4Addresses:</c>).</summary>
    public List<string> CmsAddresses { get; set; } = [];

    /// <summary>DNS servers that must all answer the CMS name with this site's addresses after activation.</summary>
    public List<string> DnsServers { get; set; } = [];
}

/// <summary>The clustered mailbox server and its storage groups, as they must be configured in AD.</summary>
public sealed class ClusteredMailboxServer
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The cluster group that holds the CMS (by default the CMS name).</summary>
    public string? GroupName { get; set; }

    public List<StorageGroup> StorageGroups { get; set; } = [];

    public string Group => GroupName ?? Name;
}

/// <summary>A storage group: log prefix (E00...), log and system folders, and its databases.</summary>
public sealed class StorageGroup
{
    public string Name { get; set; } = string.Empty;

    public string LogPrefix { get; set; } = string.Empty;

    public string LogPath { get; set; } = string.Empty;

    public string SystemPath { get; set; } = string.Empty;

    public List<MailboxDatabase> Databases { get; set; } = [];
}

/// <summary>A mailbox database and its .edb file.</summary>
public sealed class MailboxDatabase
{
    public string Name { get; set; } = string.Empty;

    public string EdbPath { get; set; } = string.Empty;
}

/// <summary>A Physical Disk cluster resource: where it is mounted, what it holds, which replication group copies it.</summary>
public sealed class DiskResource
{
    /// <summary>The cluster resource name, e.g. "Disk F:".</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Drive letter or mount point, e.g. "F:" or "E:\Mount\SG1Logs".</summary>
    public string Path { get; set; } = string.Empty;

    public string? StorageGroup { get; set; }

    /// <summary>The database whose .edb is on this disk; empty for a log or system disk.</summary>
    public string? Database { get; set; }

    public string ReplicationGroup { get; set; } = string.Empty;
}

/// <summary>A storage replication group (device group, SnapMirror relationship...) and how to drive it.</summary>
public sealed class ReplicationGroup
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Srdf, SnapMirror or Generic.</summary>
    public string Adapter { get; set; } = "Srdf";

    /// <summary>Adapter settings: device group name, SnapMirror paths, command templates per verb, credentials.</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The topology is missing something or contradicts itself; the message names the entry.</summary>
public sealed class TopologyException(string message) : Exception(message);
