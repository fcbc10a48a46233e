namespace RunbookHost.Lab.State;

/// <summary>The names Exchange 2007 setup gives the CMS's cluster resources.</summary>
internal static class CmsResources
{
    /// <summary>The group /clearLocalCMS leaves the Physical Disks in (the exact rename is unconfirmed).</summary>
    public static string ClearedGroup(string cms) => $"{cms} (cleared)";

    public const string AvailableStorage = "Available Storage";

    public const string ClusterGroup = "Cluster Group";

    public static string IpAddress(string cms, int index) => $"IPv4 Address {index + 1} ({cms})";

    public static string NetworkName(string cms) => $"Network Name ({cms})";

    public static string SystemAttendant(string cms) => $"Exchange System Attendant Instance ({cms})";

    public static string InformationStore(string cms) => $"Exchange Information Store Instance ({cms})";

    public static string DatabaseInstance(string cms, string storageGroup, string database) => $"{storageGroup}/{database} ({cms})";

    /// <summary>Creates the CMS's resources from its AD configuration, all offline, database instances depending on the store only.</summary>
    public static List<LabResource> Create(LabState state, string group, IReadOnlyList<string> addresses)
    {
        string cms = state.CmsName;
        var resources = new List<LabResource>();
        for (int i = 0; i < addresses.Count; i++)
        {
            resources.Add(New(IpAddress(cms, i), ResourceTypes.IpAddress, group, [], ("Address", addresses[i])));
        }

        resources.Add(New(NetworkName(cms), ResourceTypes.NetworkName, group, [.. resources.Select(r => r.Name)], ("Name", cms)));
        resources.Add(New(SystemAttendant(cms), ResourceTypes.SystemAttendant, group, [NetworkName(cms)]));
        resources.Add(New(InformationStore(cms), ResourceTypes.InformationStore, group, [SystemAttendant(cms)]));
        foreach (var storageGroup in state.Directory.StorageGroups)
        {
            foreach (var database in storageGroup.Databases)
            {
                resources.Add(DatabaseInstanceResource(cms, group, storageGroup.Name, database.Name));
            }
        }

        return resources;
    }

    public static LabResource DatabaseInstanceResource(string cms, string group, string storageGroup, string database) =>
        New(DatabaseInstance(cms, storageGroup, database), ResourceTypes.DatabaseInstance, group, [InformationStore(cms)], ("StorageGroup", storageGroup), ("Database", database));

    public static LabResource New(string name, string type, string group, List<string> dependencies, params (string Key, string Value)[] properties)
    {
        var resource = new LabResource { Name = name, Type = type, Group = group, Dependencies = dependencies };
        foreach (var (key, value) in properties)
        {
            resource.Properties[key] = value;
        }

        return resource;
    }
}
