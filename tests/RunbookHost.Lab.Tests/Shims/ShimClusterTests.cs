using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;

namespace RunbookHost.Lab.Tests.Shims;

/// <summary>cluster.exe through the shim: the REAL status parser reads its tables, its errors reach the driver.</summary>
[TestClass]
public sealed class ShimClusterTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task GetGroupsAndResources_ShimTables_ParseToWhatTheLabHolds()
    {
        using var lab = ShimLab.Create();
        var ct = TestContext.CancellationToken;

        var groups = await lab.Cluster.GetGroupsAsync(ShimLab.Primary, lab.Log, ct);
        var resources = await lab.Cluster.GetResourcesAsync(ShimLab.Primary, lab.Log, ct);

        var expectedGroups = await lab.LabCluster.GetGroupsAsync(ShimLab.Primary, NullCommandLog.Instance, ct);
        var expectedResources = await lab.LabCluster.GetResourcesAsync(ShimLab.Primary, NullCommandLog.Instance, ct);
        CollectionAssert.AreEqual(expectedGroups.ToArray(), groups.ToArray());
        CollectionAssert.AreEqual(expectedResources.ToArray(), resources.ToArray());
        Assert.Contains(new ClusterResourceStatus("Exchange Information Store Instance (MBX-1)", "MBX-1", "NodeA", ClusterState.Online), resources, "a name longer than its column pushes the row right");
        Assert.Contains(new ClusterGroupStatus("Available Storage", "NodeA", ClusterState.Online), groups);
    }

    [TestMethod]
    public async Task AddDependency_InstanceOnline_FailsWithSystemError5019()
    {
        using var lab = ShimLab.Create();

        var failure = await Assert.ThrowsAsync<PortException>(() =>
            lab.Cluster.AddDependencyAsync(ShimLab.Primary, "SG1/DB1 (MBX-1)", "Disk G:", lab.Log, TestContext.CancellationToken));

        StringAssert.Contains(failure.Message, "System error 5019 has occurred (0x0000139b).");
        Assert.AreEqual(5019 & 0xFF, lab.Log.Last.ExitCode, "a Unix exit status keeps the low 8 bits of cluster.exe's error code");
        CollectionAssert.DoesNotContain(lab.Lab.Snapshot().Site("primary")!.Group(ShimLab.Cms)!.Resources.Single(r => r.Name == "SG1/DB1 (MBX-1)").Dependencies.ToArray(), "Disk G:");
    }

    [TestMethod]
    public async Task MoveGroup_RealDriverThroughShim_MovesTheCmsAndRefusesTheOtherSitesNode()
    {
        using var lab = ShimLab.Create();
        var ct = TestContext.CancellationToken;

        var refused = await Assert.ThrowsAsync<PortException>(() => lab.Cluster.MoveGroupAsync(ShimLab.Primary, ShimLab.Cms, "NodeC", TimeSpan.FromMinutes(5), lab.Log, ct));
        await lab.Cluster.MoveGroupAsync(ShimLab.Primary, ShimLab.Cms, "NodeB", TimeSpan.FromMinutes(5), lab.Log, ct);

        StringAssert.Contains(refused.Message, "System error 5042 has occurred (0x000013b2).");
        StringAssert.Contains(refused.Message, "The cluster node was not found.");
        Assert.AreEqual(5042 & 0xFF, lab.Log.Records[0].ExitCode, "a Unix exit status keeps the low 8 bits of cluster.exe's error code");
        Assert.AreEqual("cluster.exe /cluster:CLUSTER-PRI group \"MBX-1\" /moveto:NodeB /wait:300", lab.Log.Last.CommandLine);
        var group = lab.Lab.Snapshot().Site("primary")!.Group(ShimLab.Cms)!;
        Assert.AreEqual(("NodeB", "Online"), (group.Owner, group.State));
        var groups = await lab.Cluster.GetGroupsAsync(ShimLab.Primary, lab.Log, ct);
        Assert.AreEqual(new ClusterGroupStatus(ShimLab.Cms, "NodeB", ClusterState.Online), groups.Single(g => g.Name == ShimLab.Cms), "the status parser reads the new owner");
    }
}
