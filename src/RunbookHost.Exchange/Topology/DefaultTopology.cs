namespace RunbookHost.Exchange.Topology;

/// <summary>The seed's environment: NodeA/NodeB at the primary site, NodeC/NodeD at the standby site, CMS MBX-1.</summary>
public static class DefaultTopology
{
    public static SccTopology Create() => new()
    {
        Sites =
        [
            new Site
            {
                Name = "primary",
                ClusterName = "CLUSTER-PRI",
                Nodes = ["NodeA", "NodeB"],
                CmsAddresses = ["10.1.0.50"],
                DnsServers = ["10.1.0.10", "10.1.0.11"],
            },
            new Site
            {
                Name = "standby",
                ClusterName = "CLUSTER-DR",
                Nodes = ["NodeC", "NodeD"],
                CmsAddresses = ["10.2.0.50"],
                DnsServers = ["10.2.0.10"],
            },
        ],
        Cms = new ClusteredMailboxServer
        {
            Name = "MBX-1",
            StorageGroups =
            [
                new StorageGroup
                {
                    Name = "SG1",
                    LogPrefix = "E00",
                    LogPath = @"L:\SG1\Logs",
                    SystemPath = @"L:\SG1\System",
                    Databases = [new MailboxDatabase { Name = "DB1", EdbPath = @"F:\SG1\DB1.edb" }],
                },
                new StorageGroup
                {
                    Name = "SG2",
                    LogPrefix = "E01",
                    LogPath = @"M:\SG2\Logs",
                    SystemPath = @"M:\SG2\System",
                    Databases = [new MailboxDatabase { Name = "DB2", EdbPath = @"G:\SG2\DB2.edb" }],
                },
            ],
        },
        Disks =
        [
            new DiskResource { Name = "Disk F:", Path = "F:", StorageGroup = "SG1", Database = "DB1", ReplicationGroup = "RG-MBX1" },
            new DiskResource { Name = "Disk L:", Path = "L:", StorageGroup = "SG1", ReplicationGroup = "RG-MBX1" },
            new DiskResource { Name = "Disk G:", Path = "G:", StorageGroup = "SG2", Database = "DB2", ReplicationGroup = "RG-MBX1" },
            new DiskResource { Name = "Disk M:", Path = "M:", StorageGroup = "SG2", ReplicationGroup = "RG-MBX1" },
        ],
        ReplicationGroups =
        [
            new ReplicationGroup
            {
                Name = "RG-MBX1",
                Adapter = "Srdf",
                Settings = new(StringComparer.OrdinalIgnoreCase) { ["deviceGroup"] = "MBX1_DG" },
            },
        ],
    };
}
