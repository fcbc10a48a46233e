using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Cluster;

/// <summary>cluster group /moveto against the lab: the owner changes within the cluster, the group's state is restored there.</summary>
[TestClass]
public sealed class GroupMoveTests
{
    [TestMethod]
    public async Task MoveGroup_OnlineCmsGroup_GoesOfflineAndComesBackOnlineOnTheNode()
    {
        using var lab = TestLab.Create();

        await lab.Run(lab.Cluster.MoveGroupAsync(TestLab.Primary, TestLab.Cms, "NodeB", TestLab.Wait, lab.Log, default));

        var record = lab.Log.Last;
        Assert.AreEqual("cluster /cluster:CLUSTER-PRI group \"MBX-1\" /moveto:NodeB /wait:300", record.CommandLine);
        Assert.AreEqual(0, record.ExitCode);
        StringAssert.Contains(record.OutputExcerpt, "Moving resource group 'MBX-1'...");
        var transitions = record.OutputExcerpt.Split('\n').Where(l => l.Contains("TransitionToState(Network Name (MBX-1))", StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, transitions, string.Join("\n", transitions));
        StringAssert.Contains(transitions[0], "Online-->Offline");
        StringAssert.Contains(transitions[1], "Offline-->Online");
        var groups = await lab.Run(lab.Cluster.GetGroupsAsync(TestLab.Primary, lab.Log, default));
        Assert.AreEqual(new ClusterGroupStatus(TestLab.Cms, "NodeB", ClusterState.Online), groups.Single(g => g.Name == TestLab.Cms));
        var resources = await lab.Run(lab.Cluster.GetResourcesAsync(TestLab.Primary, lab.Log, default));
        Assert.IsTrue(resources.Where(r => r.Group == TestLab.Cms).All(r => r.Owner == "NodeB" && r.State == ClusterState.Online), "the disks and the CMS resources move with the group");
        Assert.AreEqual("NodeA", groups.Single(g => g.Name == "Cluster Group").Owner, "only the named group moves");
    }

    [TestMethod]
    public async Task MoveGroup_OfflineCmsGroup_ChangesOwnerAndStaysOffline()
    {
        using var lab = TestLab.Create();
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TestLab.Wait, lab.Log, default));

        await lab.Run(lab.Cluster.MoveGroupAsync(TestLab.Primary, TestLab.Cms, "nodeb", TestLab.Wait, lab.Log, default));

        var group = lab.State(s => s.SiteByCluster(TestLab.Primary)!.Group(TestLab.Cms)!);
        Assert.AreEqual("NodeB", group.Owner, "the node's name as the cluster knows it");
        Assert.AreEqual(ClusterState.Offline, group.State);
        Assert.IsTrue(lab.State(s => s.SiteByCluster(TestLab.Primary)!.ResourcesOf(TestLab.Cms).All(r => r.State == ClusterState.Offline)));
    }

    [TestMethod]
    [DataRow("NodeC", "'NodeC' is a node of CLUSTER-DR.")]
    [DataRow("NodeZ", "The nodes of CLUSTER-PRI are NodeA, NodeB.")]
    public async Task MoveGroup_NodeNotInTheCluster_FailsNodeNotFoundAndLeavesTheGroup(string node, string explanation)
    {
        using var lab = TestLab.Create();

        var error = await lab.Fails(lab.Cluster.MoveGroupAsync(TestLab.Primary, TestLab.Cms, node, TestLab.Wait, lab.Log, default));

        Assert.AreEqual(5042, error.Command!.ExitCode);
        StringAssert.Contains(error.Command.OutputExcerpt, "System error 5042 has occurred (0x000013b2).\nThe cluster node was not found.");
        StringAssert.Contains(error.Message, "The cluster node was not found.");
        StringAssert.Contains(error.Message, explanation);
        var group = lab.State(s => s.SiteByCluster(TestLab.Primary)!.Group(TestLab.Cms)!);
        Assert.AreEqual(("NodeA", ClusterState.Online), (group.Owner, group.State));
    }

    [TestMethod]
    public async Task MoveGroup_UnknownGroup_FailsGroupNotFound()
    {
        using var lab = TestLab.Create();

        var error = await lab.Fails(lab.Cluster.MoveGroupAsync(TestLab.Primary, "MBX-9", "NodeB", TestLab.Wait, lab.Log, default));

        Assert.AreEqual(5013, error.Command!.ExitCode);
        StringAssert.Contains(error.Message, "The cluster group could not be found.");
    }

    [TestMethod]
    public async Task UpgradeCms_OnTheNodeTheOfflineCmsWasMovedTo_BringsTheCmsOnlineThere()
    {
        using var lab = TestLab.Create();
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeB", SetupCommand.Upgrade(), lab.Log, default))).Succeeded);
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TestLab.Wait, lab.Log, default));
        await lab.Run(lab.Cluster.MoveGroupAsync(TestLab.Primary, TestLab.Cms, "NodeB", TestLab.Wait, lab.Log, default));
        Assert.IsFalse((await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.UpgradeCms(), lab.Log, default))).Succeeded, "NodeA no longer owns the CMS");

        var result = await lab.Run(lab.Setup.RunAsync("NodeB", SetupCommand.UpgradeCms(), lab.Log, default));

        Assert.IsTrue(result.Succeeded, result.Summary);
        var group = lab.State(s => s.SiteByCluster(TestLab.Primary)!.Group(TestLab.Cms)!);
        Assert.AreEqual(("NodeB", ClusterState.Online), (group.Owner, group.State));
        Assert.AreEqual("8.2.176.2", lab.State(s => s.Directory.CmsVersion));
    }
}
