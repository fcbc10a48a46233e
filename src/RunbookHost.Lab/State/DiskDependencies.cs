namespace RunbookHost.Lab.State;

/// <summary>Which Physical Disks a Database Instance must depend on: those holding its .edb, logs and system files (per AD).</summary>
internal static class DiskDependencies
{
    public static IReadOnlyList<LabResource> Expected(LabState state, LabSite site, LabResource instance)
    {
        if (state.AdStorageGroup(instance.Property("StorageGroup") ?? string.Empty) is not { } group
            || group.Databases.FirstOrDefault(d => string.Equals(d.Name, instance.Property("Database"), StringComparison.OrdinalIgnoreCase)) is not { } database)
        {
            return [];
        }

        return LabLookup.PathsOf(group, database.EdbPath)
            .Select(site.DiskFor)
            .OfType<LabResource>()
            .DistinctBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The expected disks the instance does not depend on yet.</summary>
    public static IReadOnlyList<LabResource> Missing(LabState state, LabSite site, LabResource instance) =>
        Expected(state, site, instance).Where(d => !instance.Dependencies.Contains(d.Name, StringComparer.OrdinalIgnoreCase)).ToList();
}
