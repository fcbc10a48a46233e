using RunbookHost.Exchange.Cluster;

namespace RunbookHost.Lab.State;

/// <summary>Finding things in the lab state by the names commands use.</summary>
internal static class LabLookup
{
    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static LabSite? SiteByCluster(this LabState state, string cluster) =>
        state.Sites.FirstOrDefault(s => Same(s.ClusterName, cluster) || Same(s.Name, cluster));

    public static LabSite? SiteOfNode(this LabState state, string node) =>
        state.Sites.FirstOrDefault(s => s.Nodes.Any(n => Same(n.Name, node)));

    public static LabSite? SiteByName(this LabState state, string name) => state.Sites.FirstOrDefault(s => Same(s.Name, name));

    public static LabNode? Node(this LabState state, string node) =>
        state.Sites.SelectMany(s => s.Nodes).FirstOrDefault(n => Same(n.Name, node));

    public static LabGroup? Group(this LabSite site, string name) => site.Groups.FirstOrDefault(g => Same(g.Name, name));

    public static LabResource? Resource(this LabSite site, string name) => site.Resources.FirstOrDefault(r => Same(r.Name, name));

    public static IEnumerable<LabResource> ResourcesOf(this LabSite site, string group) => site.Resources.Where(r => Same(r.Group, group));

    public static string OwnerOf(this LabSite site, LabResource resource) => site.Group(resource.Group)?.Owner ?? site.Nodes[0].Name;

    /// <summary>The CMS group at a site (named after the CMS), if the CMS exists there.</summary>
    public static LabGroup? CmsGroup(this LabState state, LabSite site) => site.Group(state.CmsName);

    /// <summary>The CMS's Network Name resource at a site.</summary>
    public static LabResource? CmsNetworkName(this LabState state, LabSite site) =>
        site.Resources.FirstOrDefault(r => r.Type == ResourceTypes.NetworkName && Same(r.Property("Name") ?? string.Empty, state.CmsName));

    /// <summary>Whether the site's nodes can be commanded (any node reachable).</summary>
    public static bool Answers(this LabSite site) => site.Nodes.Any(n => n.Reachable);

    /// <summary>Whether what a group hosts is visible on the network: its owner node is up and not isolated.</summary>
    public static bool OnNetwork(this LabSite site, LabGroup group) =>
        site.Nodes.FirstOrDefault(n => Same(n.Name, group.Owner)) is { Isolated: false };

    public static LabReplicationGroup? Replication(this LabState state, string name) =>
        state.Replication.FirstOrDefault(r => Same(r.Name, name) || Same(r.DeviceGroup, name));

    /// <summary>Whether a Physical Disk's device is R/W at the site (its replication group says so).</summary>
    public static bool DeviceWritable(this LabState state, LabSite site, LabResource disk) =>
        state.Replication(disk.Property("ReplicationGroup") ?? string.Empty) is not { } group || group.IsReadWriteAt(site.Name);

    /// <summary>The replication group that left a database's files (.edb, logs, system folder) at a site an incomplete copy, if any.</summary>
    public static LabReplicationGroup? IncompleteCopyOf(this LabState state, LabSite site, LabDatabase database)
    {
        IReadOnlyList<string> paths = state.AdStorageGroup(database.StorageGroup) is { } group ? PathsOf(group, database.EdbPath) : [database.EdbPath];
        return paths.Select(site.DiskFor)
            .Select(disk => disk is null ? null : state.Replication(disk.Property("ReplicationGroup") ?? string.Empty))
            .FirstOrDefault(g => g is not null && g.IncompleteCopySites.Contains(site.Name, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The Physical Disk whose drive letter or mount point is the longest prefix of a path.</summary>
    public static LabResource? DiskFor(this LabSite site, string path) =>
        site.Resources
            .Where(r => r.Type == ResourceTypes.PhysicalDisk && r.Property("Path") is { Length: > 0 } p && Covers(p.TrimEnd('\\'), path))
            .OrderByDescending(r => r.Property("Path")!.Length)
            .FirstOrDefault();

    public static LabDatabase? Database(this LabState state, string storageGroup, string database) =>
        state.Databases.FirstOrDefault(d => Same(d.StorageGroup, storageGroup) && Same(d.Name, database));

    public static LabDatabase? DatabaseByPath(this LabState state, string edbPath) =>
        state.Databases.FirstOrDefault(d => Same(d.EdbPath, edbPath));

    public static LabStorageGroup? AdStorageGroup(this LabState state, string name) =>
        state.Directory.StorageGroups.FirstOrDefault(g => Same(g.Name, name));

    /// <summary>The paths a database instance needs: its .edb and its storage group's log and system folders.</summary>
    public static IReadOnlyList<string> PathsOf(LabStorageGroup group, string edbPath) => [edbPath, group.LogPath, group.SystemPath];

    public static bool IsOnline(this ClusterState state) => state == ClusterState.Online;

    private static bool Covers(string root, string path) =>
        path.StartsWith(root, StringComparison.OrdinalIgnoreCase) && (path.Length == root.Length || path[root.Length] == '\\');
}
