using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Shim.Formats;

/// <summary>
/// A lab replication group of adapter SnapMirror with its volume paths as the topology configures
/// them (<c>sourcePath</c>/<c>destinationPath</c>, <c>sourceSite</c>/<c>destinationSite</c>), in the
/// direction it runs now (reversed when the lab's source site is the configured destination site).
/// </summary>
internal sealed record SnapMirrorRelationship(LabReplicationGroup Group, string SourcePath, string DestinationPath, string DestinationSite)
{
    public static IReadOnlyList<SnapMirrorRelationship> All(ShimContext context) =>
        [.. context.State.Replication
            .Where(g => g.Adapter.Equals("SnapMirror", StringComparison.OrdinalIgnoreCase))
            .Select(g => Of(context, g))
            .OfType<SnapMirrorRelationship>()];

    public bool Is(string? path) => IsSource(path) || IsDestination(path);

    public bool IsSource(string? path) => string.Equals(path, SourcePath, StringComparison.OrdinalIgnoreCase);

    public bool IsDestination(string? path) => string.Equals(path, DestinationPath, StringComparison.OrdinalIgnoreCase);

    private static SnapMirrorRelationship? Of(ShimContext context, LabReplicationGroup group)
    {
        var settings = context.Topology?.ReplicationGroups.FirstOrDefault(g => string.Equals(g.Name, group.Name, StringComparison.OrdinalIgnoreCase))?.Settings;
        if (settings is null || !settings.TryGetValue("sourcePath", out string? source) || !settings.TryGetValue("destinationPath", out string? destination)
            || !settings.TryGetValue("sourceSite", out string? sourceSite))
        {
            return null;
        }

        bool configured = string.Equals(group.SourceSite, sourceSite, StringComparison.OrdinalIgnoreCase);
        return configured
            ? new SnapMirrorRelationship(group, source, destination, group.TargetSite)
            : new SnapMirrorRelationship(group, destination, source, group.TargetSite);
    }
}
