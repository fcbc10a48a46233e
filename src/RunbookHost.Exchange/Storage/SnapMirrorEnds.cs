using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Storage;

/// <summary>The two ends of a SnapMirror relationship: volume paths, filers to run on, and their sites.</summary>
internal sealed record SnapMirrorEnds(string SourcePath, string SourceHost, string SourceSite, string DestinationPath, string DestinationHost, string DestinationSite)
{
    public static SnapMirrorEnds Of(ReplicationGroup group)
    {
        string source = group.Required("sourcePath");
        string destination = group.Required("destinationPath");
        return new SnapMirrorEnds(
            source,
            group.Optional("sourceHost") ?? Filer(source),
            group.Required("sourceSite"),
            destination,
            group.Optional("destinationHost") ?? Filer(destination),
            group.Required("destinationSite"));
    }

    public SnapMirrorEnds Reversed() => new(DestinationPath, DestinationHost, DestinationSite, SourcePath, SourceHost, SourceSite);

    public static IEnumerable<string> Validate(ReplicationGroup group, SccTopology topology)
    {
        foreach (string key in new[] { "sourcePath", "destinationPath" })
        {
            if (group.Optional(key) is not { } path || !path.Contains(':', StringComparison.Ordinal))
            {
                yield return $"{group.PathOf(topology, key)} must be 'filer:volume' (e.g. filer1:vol_sg1).";
            }
        }

        foreach (string key in new[] { "sourceSite", "destinationSite" })
        {
            if (group.Optional(key) is not { } site || !topology.Sites.Any(s => s.Name.Equals(site, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{group.PathOf(topology, key)} must name a site of the topology ({string.Join(", ", topology.Sites.Select(s => s.Name))}).";
            }
        }
    }

    private static string Filer(string path) => path[..path.IndexOf(':', StringComparison.Ordinal)];
}
