namespace RunbookHost.Exchange.Topology;

/// <summary>Which disk holds a path: the disk whose drive letter or mount point is the longest prefix.</summary>
public static class TopologyPaths
{
    public static DiskResource? DiskFor(this SccTopology topology, string path) =>
        topology.Disks
            .Where(d => d.Path.Length > 0 && path.StartsWith(d.Path.TrimEnd('\\'), StringComparison.OrdinalIgnoreCase)
                && (path.Length == d.Path.TrimEnd('\\').Length || path[d.Path.TrimEnd('\\').Length] == '\\'))
            .OrderByDescending(d => d.Path.Length)
            .FirstOrDefault();

    /// <summary>The disks holding a database's .edb and its storage group's log and system folders.</summary>
    public static IReadOnlyList<DiskResource> DisksOfDatabase(this SccTopology topology, StorageGroup group, MailboxDatabase database) =>
        new[] { database.EdbPath, group.LogPath, group.SystemPath }
            .Select(topology.DiskFor)
            .OfType<DiskResource>()
            .DistinctBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
