using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Tests.Faults;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Scenarios;

/// <summary>The seed's failback, after an activation: clear the isolated primary, then move the CMS back during downtime.</summary>
[TestClass]
public sealed class ManualFailbackTests
{
    [TestMethod]
    public async Task Failback_SeedProcedureThroughPorts_CmsOnlineAtPrimaryAgainAndReplicatingToStandby()
    {
        using var lab = TestLab.Create(timeScale: 0.001);
        await FaultInjectionTests.BringCmsOnlineAtStandby(lab);
        var ct = CancellationToken.None;

        // Primary returns isolated; on the owner node of the offline CMS group: /clearLocalCMS.
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary", ["consoleAccess"] = "true" });
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.ClearLocalCms(), lab.Log, ct))).Succeeded);
        lab.Lab.ClearFault(LabFaults.SiteIsolated);

        // Replication in place from the standby, in full sync.
        await lab.Run(lab.Storage.ReverseAsync(TestLab.Group, lab.Log, ct));
        lab.Time.Advance(TimeSpan.FromHours(1));
        Assert.IsTrue((await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, ct))).InFullSync);

        // Downtime: offline at the standby, clear it there, flip to the primary, recover on NodeA, disks and dependencies.
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Standby, TestLab.Cms, TimeSpan.FromMinutes(5), lab.Log, ct));
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeC", SetupCommand.ClearLocalCms(), lab.Log, ct))).Succeeded);
        await lab.FlipStorageTo("primary");
        var recovered = await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.RecoverCms(TestLab.Cms, ["10.1.0.50"]), lab.Log, ct));
        Assert.IsTrue(recovered.Succeeded, recovered.Summary);
        foreach (var disk in lab.Topology.Disks)
        {
            await lab.Run(lab.Cluster.MoveResourceAsync(TestLab.Primary, disk.Name, TestLab.Cms, lab.Log, ct));
        }

        foreach (var (instance, disks) in new[] { ("SG1/DB1 (MBX-1)", new[] { "Disk F:", "Disk L:" }), ("SG2/DB2 (MBX-1)", new[] { "Disk G:", "Disk M:" }) })
        {
            foreach (string disk in disks)
            {
                await lab.Run(lab.Cluster.AddDependencyAsync(TestLab.Primary, instance, disk, lab.Log, ct));
            }
        }

        await lab.Run(lab.Cluster.BringGroupOnlineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(30), lab.Log, ct));
        Assert.AreEqual(ReplicationState.FailedOver, (await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, ct))).State);
        await lab.Run(lab.Storage.ReverseAsync(TestLab.Group, lab.Log, ct));
        lab.Time.Advance(TimeSpan.FromHours(1));

        var snapshot = lab.Lab.Snapshot();
        Assert.AreEqual("Online", snapshot.Site("primary")!.Group(TestLab.Cms)!.State);
        Assert.AreEqual("NodeA", snapshot.Site("primary")!.Group(TestLab.Cms)!.Owner);
        Assert.IsNull(snapshot.Site("standby")!.Group(TestLab.Cms));
        Assert.IsTrue(snapshot.Databases.All(d => d.MountedAt == "primary"));
        Assert.IsTrue(snapshot.Dns.All(d => d.Addresses.SequenceEqual(["10.1.0.50"])));
        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, ct));
        Assert.AreEqual(ReplicationState.Synchronized, status.State);
        CollectionAssert.AreEqual(new[] { "primary" }, status.ReadWriteSites.ToArray());
        Assert.IsEmpty(snapshot.Warnings, string.Join("; ", snapshot.Warnings));
        Assert.AreEqual(ClusterState.Online, (await lab.Run(lab.Cluster.GetGroupsAsync(TestLab.Primary, lab.Log, ct))).Single(g => g.Name == TestLab.Cms).State);
    }
}
