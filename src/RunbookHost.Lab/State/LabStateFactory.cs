using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.Setup;

namespace RunbookHost.Lab.State;

/// <summary>
/// Builds the seed's "after preparation" picture from the topology: the CMS online on the first
/// primary node with its disks R/W, the standby nodes with the passive mailbox role (optionally
/// not), storage replicating primary -> standby in full sync, every DNS server answering the
/// primary address.
/// </summary>
internal static class LabStateFactory
{
    public static LabState Create(SccTopology topology, LabSettings settings, bool standbyPassiveRoleInstalled, DateTimeOffset now)
    {
        var primary = topology.Sites[0];
        var standby = topology.Sites[1];
        var state = new LabState
        {
            CreatedAt = now,
            Settings = settings,
            CmsName = topology.Cms.Name,
            Directory = Directory(topology, settings),
            Databases = Databases(topology),
            Replication = [.. topology.ReplicationGroups.Select(g => Replication(g, primary.Name, standby.Name))],
        };
        state.Sites.Add(Site(state, topology, primary, active: true, passive: true, now));
        state.Sites.Add(Site(state, topology, standby, active: false, passive: standbyPassiveRoleInstalled, now));
        foreach (var site in topology.Sites)
        {
            state.Dns.AddRange(site.DnsServers.Select(server => new LabDnsServer
            {
                Address = server,
                Site = site.Name,
                Addresses = [.. primary.CmsAddresses],
                Ttl = settings.DnsTtl,
            }));
        }

        foreach (var (site, age) in state.Sites.Zip(new[] { 120, 60 }))
        {
            foreach (var node in site.Nodes.Where(n => n.PassiveClusteredMailbox))
            {
                node.SetupLog = SetupLog.PreparationHistory(state, node.Name, now - TimeSpan.FromDays(age));
            }
        }

        state.DnsRegistration = new LabDnsRegistration { Site = primary.Name, Addresses = [.. primary.CmsAddresses], At = now - TimeSpan.FromDays(30) };
        return state;
    }

    private static LabSite Site(LabState state, SccTopology topology, Site site, bool active, bool passive, DateTimeOffset now)
    {
        string first = site.Nodes[0];
        var lab = new LabSite { Name = site.Name, ClusterName = site.ClusterName, CmsAddresses = [.. site.CmsAddresses] };
        foreach (string node in site.Nodes)
        {
            var labNode = new LabNode { Name = node };
            if (passive)
            {
                labNode.Roles = ["Mailbox"];
                labNode.Version = state.Directory.CmsVersion;
                labNode.PassiveClusteredMailbox = true;
            }

            lab.Nodes.Add(labNode);
        }

        lab.Groups.Add(new LabGroup { Name = CmsResources.ClusterGroup, Owner = first, State = ClusterState.Online });
        lab.Resources.Add(CmsResources.New("Cluster IP Address", ResourceTypes.IpAddress, CmsResources.ClusterGroup, []));
        lab.Resources.Add(CmsResources.New("Cluster Name", ResourceTypes.NetworkName, CmsResources.ClusterGroup, ["Cluster IP Address"], ("Name", site.ClusterName)));
        foreach (var resource in lab.Resources)
        {
            resource.State = ClusterState.Online;
        }

        string diskGroup = active ? state.CmsName : CmsResources.AvailableStorage;
        lab.Groups.Add(new LabGroup { Name = CmsResources.AvailableStorage, Owner = first, State = active ? ClusterState.Online : ClusterState.Offline });
        foreach (var disk in topology.Disks)
        {
            lab.Resources.Add(CmsResources.New(disk.Name, ResourceTypes.PhysicalDisk, diskGroup, [],
                ("Path", disk.Path), ("ReplicationGroup", disk.ReplicationGroup), ("StorageGroup", disk.StorageGroup ?? string.Empty), ("Database", disk.Database ?? string.Empty)));
        }

        if (active)
        {
            lab.Groups.Add(new LabGroup { Name = state.CmsName, Owner = first, State = ClusterState.Online });
            var cms = CmsResources.Create(state, state.CmsName, site.CmsAddresses);
            lab.Resources.AddRange(cms);
            foreach (var instance in cms.Where(r => r.Type == ResourceTypes.DatabaseInstance))
            {
                instance.Dependencies.AddRange(DiskDependencies.Expected(state, lab, instance).Select(d => d.Name));
            }

            foreach (var resource in lab.Resources.Where(r => r.Group == state.CmsName))
            {
                resource.State = ClusterState.Online;
                resource.OnlineSince = now - TimeSpan.FromDays(30);
            }
        }

        return lab;
    }

    private static LabDirectory Directory(SccTopology topology, LabSettings settings) => new()
    {
        CmsName = topology.Cms.Name,
        CmsVersion = settings.ExchangeVersion,
        StorageGroups = [.. topology.Cms.StorageGroups.Select(g => new LabStorageGroup
        {
            Name = g.Name,
            LogPrefix = g.LogPrefix,
            LogPath = g.LogPath,
            SystemPath = g.SystemPath,
            Databases = [.. g.Databases.Select(d => new LabDatabaseConfig { Name = d.Name, EdbPath = d.EdbPath })],
        })],
    };

    private static List<LabDatabase> Databases(SccTopology topology) =>
        [.. topology.Cms.StorageGroups.SelectMany((g, i) => g.Databases.Select(d => new LabDatabase
        {
            Name = d.Name,
            StorageGroup = g.Name,
            EdbPath = d.EdbPath,
            LogPrefixOnDisk = g.LogPrefix,
            LogGeneration = 4400 + (i * 1000),
            Header = DatabaseShutdownState.DirtyShutdown,
            LogRequired = $"{4400 + (i * 1000)}-{4400 + (i * 1000)}",
        }))];

    private static LabReplicationGroup Replication(ReplicationGroup group, string primary, string standby) => new()
    {
        Name = group.Name,
        Adapter = group.Adapter,
        DeviceGroup = group.Settings.TryGetValue("deviceGroup", out string? dg) ? dg
            : group.Settings.TryGetValue("destination", out string? destination) ? destination : group.Name,
        ReadWriteSites = [primary],
        SourceSite = primary,
        TargetSite = standby,
    };
}
