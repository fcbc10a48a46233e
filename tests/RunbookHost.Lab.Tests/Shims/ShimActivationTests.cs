using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Lab.Tests.Shims;

/// <summary>The seed's activation through the REAL command drivers, each tool a shim process acting on the lab's state file.</summary>
[TestClass]
public sealed class ShimActivationTests
{
    private const string Eseutil = "\"C:\\Program Files\\Microsoft\\Exchange Server\\Bin\\eseutil.exe\"";
    private const string ReadLog = "cmd.exe /c type \"%SystemDrive%\\ExchangeSetupLogs\\ExchangeSetup.log\"";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Activation_RealDriversThroughShims_CmsOnlineAtStandby()
    {
        using var lab = ShimLab.Create();
        var (topology, log, ct) = (lab.Topology, lab.Log, TestContext.CancellationToken);

        await lab.Cluster.TakeGroupOfflineAsync(ShimLab.Primary, ShimLab.Cms, TimeSpan.FromMinutes(5), log, ct);
        Assert.AreEqual("Offline", lab.Lab.Snapshot().Site("primary")!.Group(ShimLab.Cms)!.State);

        await lab.Storage.FailoverAsync(ShimLab.Group, "standby", log, ct);
        CollectionAssert.AreEqual(new[] { "standby" }, lab.Lab.Snapshot().Replication[0].ReadWriteSites.ToArray());

        var recovered = await lab.Setup.RunAsync("NodeC", SetupCommand.RecoverCms(ShimLab.Cms, ["10.2.0.50"]), log, ct);
        Assert.IsTrue(recovered.Succeeded, recovered.Summary);
        StringAssert.Contains(recovered.LogExcerpt, "Command Line Parameter Name='recovercms'");

        foreach (var disk in topology.Disks)
        {
            await lab.Cluster.MoveResourceAsync(ShimLab.Standby, disk.Name, ShimLab.Cms, log, ct);
        }

        foreach (var group in topology.Cms.StorageGroups)
        {
            foreach (var database in group.Databases)
            {
                foreach (var disk in topology.DisksOfDatabase(group, database))
                {
                    await lab.Cluster.AddDependencyAsync(ShimLab.Standby, $"{group.Name}/{database.Name} ({ShimLab.Cms})", disk.Name, log, ct);
                }
            }
        }

        // Before mounting: a header is only readable while the database is not mounted.
        var headers = new List<DatabaseHeader>();
        foreach (var database in topology.Cms.StorageGroups.SelectMany(g => g.Databases))
        {
            headers.Add(await lab.Inspection.GetDatabaseHeaderAsync("NodeC", database.EdbPath, log, ct));
        }

        await lab.Cluster.BringGroupOnlineAsync(ShimLab.Standby, ShimLab.Cms, TimeSpan.FromMinutes(10), log, ct);
        var groups = await lab.Cluster.GetGroupsAsync(ShimLab.Standby, log, ct);

        Assert.IsTrue(headers.All(h => h.State == DatabaseShutdownState.CleanShutdown && h.LogRequired is null));
        Assert.AreEqual(new ClusterGroupStatus(ShimLab.Cms, "NodeC", ClusterState.Online), groups.Single(g => g.Name == ShimLab.Cms));
        var snapshot = lab.Lab.Snapshot();
        var cms = snapshot.Site("standby")!.Group(ShimLab.Cms)!;
        Assert.AreEqual("Online", cms.State);
        Assert.HasCount(10, cms.Resources, "IP, Network Name, SA, IS, 2 database instances and 4 disks");
        CollectionAssert.AreEquivalent(new[] { "Exchange Information Store Instance (MBX-1)", "Disk F:", "Disk L:" }, cms.Resources.Single(r => r.Name == "SG1/DB1 (MBX-1)").Dependencies.ToArray());
        Assert.IsTrue(snapshot.Databases.All(d => d.MountedAt == "standby"));
        Assert.IsTrue(snapshot.RecentCommands.Any(r => r.CommandLine == "cluster /cluster:CLUSTER-DR group \"MBX-1\" /online /wait:600"), "the shim ran the lab's rule");
        CollectionAssert.AreEqual(ExpectedCommands(), log.Records.Select(r => $"{r.Target}: {r.CommandLine}").ToArray());
        Assert.IsTrue(log.Records.All(r => r.ExitCode == 0), string.Join("; ", log.Records.Where(r => r.ExitCode != 0).Select(r => r.CommandLine)));
    }

    private static string[] ExpectedCommands() =>
    [
        "NodeA: cluster.exe /cluster:CLUSTER-PRI group \"MBX-1\" /offline /wait:300",
        "localhost: symrdf -g MBX1_DG query",
        "localhost: symrdf -g MBX1_DG failover -noprompt",
        $"NodeC: {ReadLog}",
        "NodeC: D:\\Exchange\\setup.com /recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.2.0.50",
        $"NodeC: {ReadLog}",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"Disk F:\" /moveto:\"MBX-1\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"Disk L:\" /moveto:\"MBX-1\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"Disk G:\" /moveto:\"MBX-1\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"Disk M:\" /moveto:\"MBX-1\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"SG1/DB1 (MBX-1)\" /adddep:\"Disk F:\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"SG1/DB1 (MBX-1)\" /adddep:\"Disk L:\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"SG2/DB2 (MBX-1)\" /adddep:\"Disk G:\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR res \"SG2/DB2 (MBX-1)\" /adddep:\"Disk M:\"",
        $"NodeC: {Eseutil} /mh \"F:\\SG1\\DB1.edb\"",
        $"NodeC: {Eseutil} /mh \"G:\\SG2\\DB2.edb\"",
        "NodeC: cluster.exe /cluster:CLUSTER-DR group \"MBX-1\" /online /wait:600",
        "NodeC: cluster.exe /cluster:CLUSTER-DR group /stat",
    ];
}
