using System.Net;

namespace RunbookHost.Exchange.Topology;

/// <summary>Checks a topology at start-up; every error names the entry that is wrong.</summary>
public static class TopologyValidator
{
    private static readonly string[] Adapters = ["Srdf", "SnapMirror", "Generic"];

    public static IReadOnlyList<string> Validate(SccTopology topology)
    {
        var errors = new List<string>();
        if (topology.Sites.Count != 2)
        {
            errors.Add($"Topology:Sites must list exactly two sites (found {topology.Sites.Count}).");
        }

        var nodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (site, i) in topology.Sites.Select((s, i) => (s, i)))
        {
            string at = $"Topology:Sites:{i} ({(string.IsNullOrEmpty(site.Name) ? "unnamed" : site.Name)})";
            Require(errors, site.Name, $"{at}:Name");
            Require(errors, site.ClusterName, $"{at}:ClusterName");
            if (site.Nodes.Count == 0)
            {
                errors.Add($"{at}:Nodes must list the cluster's nodes.");
            }

            foreach (string node in site.Nodes.Where(n => !nodes.Add(n)))
            {
                errors.Add($"{at}:Nodes: node '{node}' is listed in more than one place.");
            }

            if (site.CmsAddresses.Count == 0)
            {
                errors.Add($"{at}:CmsAddresses must list the CMS's IPv4 addresses at this site.");
            }

            foreach (string address in site.CmsAddresses.Where(a => !IsIPv4(a)))
            {
                errors.Add($"{at}:CmsAddresses: '{address}' is not an IPv4 address.");
            }

            foreach (string server in site.DnsServers.Where(s => string.IsNullOrWhiteSpace(s)))
            {
                errors.Add($"{at}:DnsServers has an empty entry.");
            }
        }

        if (topology.Sites.Count == 2 && string.Equals(topology.Sites[0].Name, topology.Sites[1].Name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Topology:Sites: both sites are named '{topology.Sites[0].Name}'.");
        }

        ValidateCms(topology, errors);
        ValidateDisks(topology, errors);
        return errors;
    }

    private static void ValidateCms(SccTopology topology, List<string> errors)
    {
        Require(errors, topology.Cms.Name, "Topology:Cms:Name");
        var prefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (group, i) in topology.Cms.StorageGroups.Select((g, i) => (g, i)))
        {
            string at = $"Topology:Cms:StorageGroups:{i} ({group.Name})";
            Require(errors, group.Name, $"{at}:Name");
            if (!groups.Add(group.Name))
            {
                errors.Add($"{at}: storage group '{group.Name}' is listed twice.");
            }

            if (!System.Text.RegularExpressions.Regex.IsMatch(group.LogPrefix, "^E[0-9]{2}$"))
            {
                errors.Add($"{at}:LogPrefix '{group.LogPrefix}' must look like E00..E49.");
            }
            else if (!prefixes.Add(group.LogPrefix))
            {
                errors.Add($"{at}:LogPrefix '{group.LogPrefix}' is used by another storage group.");
            }

            Require(errors, group.LogPath, $"{at}:LogPath");
            Require(errors, group.SystemPath, $"{at}:SystemPath");
            foreach (var (database, j) in group.Databases.Select((d, j) => (d, j)))
            {
                Require(errors, database.Name, $"{at}:Databases:{j}:Name");
                if (!database.EdbPath.EndsWith(".edb", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{at}:Databases:{j} ({database.Name}):EdbPath '{database.EdbPath}' must be an .edb file.");
                }
            }
        }
    }

    private static void ValidateDisks(SccTopology topology, List<string> errors)
    {
        var replicationGroups = topology.ReplicationGroups.Select(g => g.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (group, i) in topology.ReplicationGroups.Select((g, i) => (g, i)))
        {
            if (!Adapters.Contains(group.Adapter, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Topology:ReplicationGroups:{i} ({group.Name}):Adapter '{group.Adapter}' is not one of {string.Join(", ", Adapters)}.");
            }
        }

        var storageGroups = topology.Cms.StorageGroups.ToDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (disk, i) in topology.Disks.Select((d, i) => (d, i)))
        {
            string at = $"Topology:Disks:{i} ({disk.Name})";
            Require(errors, disk.Name, $"{at}:Name");
            Require(errors, disk.Path, $"{at}:Path");
            if (!replicationGroups.Contains(disk.ReplicationGroup))
            {
                errors.Add($"{at}:ReplicationGroup '{disk.ReplicationGroup}' is not a replication group of the topology.");
            }

            if (disk.StorageGroup is { Length: > 0 } sg && !storageGroups.ContainsKey(sg))
            {
                errors.Add($"{at}:StorageGroup '{sg}' is not a storage group of CMS '{topology.Cms.Name}'.");
            }

            if (disk.Database is { Length: > 0 } db && !topology.Cms.StorageGroups.SelectMany(g => g.Databases).Any(d => string.Equals(d.Name, db, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{at}:Database '{db}' is not a database of CMS '{topology.Cms.Name}'.");
            }
        }

        foreach (var group in topology.Cms.StorageGroups)
        {
            foreach (string path in group.Databases.Select(d => d.EdbPath).Append(group.LogPath).Append(group.SystemPath))
            {
                if (topology.DiskFor(path) is null)
                {
                    errors.Add($"Topology:Cms:StorageGroups ({group.Name}): '{path}' is on no disk of Topology:Disks, so it is not replicated.");
                }
            }
        }
    }

    private static void Require(List<string> errors, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{name} is required.");
        }
    }

    private static bool IsIPv4(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') == 3;
}
