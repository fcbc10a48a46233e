using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Faults;

/// <summary>Adds a storage group to AD as an administrator would on the running CMS: AD, the database file, and the Database Instance resource wherever the CMS group exists.</summary>
internal static class StorageGroupFault
{
    public static void Add(LabState state, DateTimeOffset now, LabStorageGroup group)
    {
        if (state.AdStorageGroup(group.Name) is not null)
        {
            throw new LabFaultException($"AD already has a storage group '{group.Name}'.");
        }

        state.Directory.StorageGroups.Add(group);
        foreach (var database in group.Databases)
        {
            state.Databases.Add(new LabDatabase { Name = database.Name, StorageGroup = group.Name, EdbPath = database.EdbPath, LogPrefixOnDisk = group.LogPrefix, LogGeneration = 12 });
            foreach (var site in state.Sites)
            {
                if (state.CmsGroup(site) is not { } cms)
                {
                    continue;
                }

                var instance = CmsResources.DatabaseInstanceResource(state.CmsName, cms.Name, group.Name, database.Name);
                instance.Dependencies.AddRange(DiskDependencies.Expected(state, site, instance).Where(d => d.Group == cms.Name).Select(d => d.Name));
                site.Resources.Add(instance);
                if (cms.State is ClusterState.Online or ClusterState.PartiallyOnline)
                {
                    new ResourceEngine(state, site, now).Online(instance);
                    ResourceEngine.Refresh(site, cms);
                }
            }
        }
    }

    public static void Remove(LabState state, LabStorageGroup group)
    {
        state.Directory.StorageGroups.RemoveAll(g => string.Equals(g.Name, group.Name, StringComparison.OrdinalIgnoreCase));
        state.Databases.RemoveAll(d => string.Equals(d.StorageGroup, group.Name, StringComparison.OrdinalIgnoreCase));
        foreach (var site in state.Sites)
        {
            site.Resources.RemoveAll(r => r.Type == ResourceTypes.DatabaseInstance && string.Equals(r.Property("StorageGroup"), group.Name, StringComparison.OrdinalIgnoreCase));
        }
    }
}
