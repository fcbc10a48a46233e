using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Scenarios;

/// <summary>The seed's recommended activation, performed by hand through the ports, in order.</summary>
[TestClass]
public sealed class ManualActivationTests
{
    [TestMethod]
    public async Task Activation_SeedProcedureThroughPorts_CmsOnlineAtStandbyWithDatabasesMountedAndDnsConverged()
    {
        using var lab = TestLab.Create(timeScale: 0.001);
        var topology = lab.Topology;
        var ct = CancellationToken.None;

        // 1. Ensure that all CMS resources on the primary cluster are offline.
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(5), lab.Log, ct));
        var primaryGroups = await lab.Run(lab.Cluster.GetGroupsAsync(TestLab.Primary, lab.Log, ct));
        Assert.AreEqual(ClusterState.Offline, primaryGroups.Single(g => g.Name == TestLab.Cms).State);

        // 2. Change the replication direction: standby R/W, primary R/O.
        await lab.FlipStorageTo("standby");
        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, ct));
        CollectionAssert.AreEqual(new[] { "standby" }, status.ReadWriteSites.ToArray());

        // 3. setup.com /recoverCMS on NodeC.
        var probe = await lab.Run(lab.Probe.ProbeAsync(TestLab.Cms, ct));
        Assert.IsFalse(probe.Answers, probe.Detail);
        var recovered = await lab.Run(lab.Setup.RunAsync("NodeC", SetupCommand.RecoverCms(TestLab.Cms, ["10.2.0.50"]), lab.Log, ct));
        Assert.IsTrue(recovered.Succeeded, recovered.Summary);
        Assert.AreEqual("setup.com /recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.2.0.50", lab.Log.Last.CommandLine);

        // 4. Move the disks into the CMS group and make each database instance depend on its disks.
        foreach (var disk in topology.Disks)
        {
            await lab.Run(lab.Cluster.MoveResourceAsync(TestLab.Standby, disk.Name, TestLab.Cms, lab.Log, ct));
        }

        Assert.AreEqual("cluster /cluster:CLUSTER-DR res \"Disk M:\" /moveto:\"MBX-1\"", lab.Log.Last.CommandLine);
        foreach (var storageGroup in topology.Cms.StorageGroups)
        {
            foreach (var database in storageGroup.Databases)
            {
                foreach (var disk in topology.DisksOfDatabase(storageGroup, database))
                {
                    await lab.Run(lab.Cluster.AddDependencyAsync(TestLab.Standby, $"{storageGroup.Name}/{database.Name} (MBX-1)", disk.Name, lab.Log, ct));
                }
            }
        }

        // 5. Bring the group online: logs replay, databases mount.
        await lab.Run(lab.Cluster.BringGroupOnlineAsync(TestLab.Standby, TestLab.Cms, TimeSpan.FromMinutes(30), lab.Log, ct));
        var resources = await lab.Run(lab.Cluster.GetResourcesAsync(TestLab.Standby, lab.Log, ct));
        var cms = resources.Where(r => r.Group == TestLab.Cms).ToList();
        Assert.IsTrue(cms.All(r => r.State == ClusterState.Online && r.Owner == "NodeC"), string.Join(", ", cms.Select(r => $"{r.Name}={r.State}")));
        Assert.AreEqual(4 + 4 + 2, cms.Count, "IP, Network Name, SA, IS, 2 database instances and 4 disks");

        // 6. DNS converges on every server after TTL + replication delay (scaled).
        lab.Time.Advance(TimeSpan.FromMinutes(2));
        foreach (string server in topology.Sites.SelectMany(s => s.DnsServers))
        {
            var answer = await lab.Run(lab.Dns.QueryAsync(server, TestLab.Cms, ct));
            CollectionAssert.AreEqual(new[] { "10.2.0.50" }, answer.Addresses.ToArray(), server);
        }

        var snapshot = lab.Lab.Snapshot();
        Assert.AreEqual("Online", snapshot.Site("standby")!.Group(TestLab.Cms)!.State);
        Assert.IsTrue(snapshot.Databases.All(d => d.MountedAt == "standby"));
        Assert.IsEmpty(snapshot.Warnings, string.Join("; ", snapshot.Warnings));
        Assert.IsTrue((await lab.Run(lab.Probe.ProbeAsync(TestLab.Cms, ct))).Answers);
    }
}
