using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Setup;

/// <summary>setup.com /mode:upgrade and /upgradeCMS refuse what the supported SCC order forbids.</summary>
[TestClass]
public sealed class UpgradeTests
{
    [TestMethod]
    public async Task Upgrade_NodeThatOwnsTheOnlineCms_RefusesAndLeavesTheNodeAndTheCmsAsTheyWere()
    {
        using var lab = TestLab.Create();

        var result = await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.Upgrade(), lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual("Clustered mailbox server 'MBX-1' is online on this computer ('NodeA'), the active node of cluster 'CLUSTER-PRI'; setup does not upgrade the active node. Upgrade a passive node first, stop the clustered mailbox server, move it to the upgraded node and run setup.com /upgradeCMS there, then upgrade this node.", result.Summary);
        Assert.AreEqual(1, lab.Log.Last.ExitCode);
        StringAssert.Contains(lab.Log.Last.OutputExcerpt, "Validating Prerequisites         ......................... FAILED");
        Assert.AreEqual("8.1.240.6", lab.State(s => s.Node("NodeA")!.Version));
        var group = lab.State(s => s.SiteByCluster(TestLab.Primary)!.Group(TestLab.Cms)!);
        Assert.AreEqual(("NodeA", ClusterState.Online), (group.Owner, group.State));
    }

    [TestMethod]
    public async Task UpgradeCms_OwnerNotUpgradedFirst_RefusesAndLeavesTheCmsOfflineAtItsVersion()
    {
        using var lab = TestLab.Create();
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TestLab.Wait, lab.Log, default));
        await lab.Run(lab.Cluster.MoveGroupAsync(TestLab.Primary, TestLab.Cms, "NodeB", TestLab.Wait, lab.Log, default));

        var result = await lab.Run(lab.Setup.RunAsync("NodeB", SetupCommand.UpgradeCms(), lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual("Exchange version 8.1.240.6 on this computer ('NodeB') is older than version 8.2.176.2, the version /upgradeCMS upgrades clustered mailbox server 'MBX-1' to. Run setup.com /mode:upgrade on this computer before /upgradeCMS.", result.Summary);
        Assert.AreEqual(1, lab.Log.Last.ExitCode);
        Assert.AreEqual("8.1.240.6", lab.State(s => s.Directory.CmsVersion));
        Assert.IsNull(lab.State(s => s.Node("NodeB")!.SetupWatermark), "refused before it started: no watermark");
        Assert.AreEqual(ClusterState.Offline, lab.State(s => s.SiteByCluster(TestLab.Primary)!.Group(TestLab.Cms)!.State));
    }
}
