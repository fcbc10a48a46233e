using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Tests.Faults;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.OperatorActions;

[TestClass]
public sealed class ComputerAccountActionTests
{
    [TestMethod]
    public async Task EnableCmsComputerAccount_AfterClearLocalCmsOnTheOldPrimary_StandbyCmsComesOnlineAgain()
    {
        using var lab = TestLab.Create();
        await ClearTheOldPrimary(lab);
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Standby, TestLab.Cms, TestLab.Wait, lab.Log, default));
        await lab.Run(lab.Cluster.BringGroupOnlineAsync(TestLab.Standby, TestLab.Cms, TestLab.Wait, lab.Log, default));
        var (state, reason) = lab.State(s => s.SiteByCluster(TestLab.Standby)!.Resource("Network Name (MBX-1)") is { } nn ? (nn.State, nn.FailureReason) : default);
        Assert.AreEqual(ClusterState.Failed, state, "the restart cannot bring the name back while the account is disabled");

        var result = lab.Perform(LabActions.EnableCmsComputerAccount);
        await lab.Run(lab.Cluster.BringGroupOnlineAsync(TestLab.Standby, TestLab.Cms, TestLab.Wait, lab.Log, default));

        StringAssert.Contains(reason, "The computer account 'MBX-1' is disabled in Active Directory");
        StringAssert.Contains(result.Message, "The computer account of MBX-1 is enabled again");
        var snapshot = lab.Lab.Snapshot();
        Assert.IsTrue(snapshot.Directory.ComputerAccountEnabled);
        Assert.AreEqual("Online", snapshot.Site("standby")!.Group(TestLab.Cms)!.State);
        Assert.IsTrue(snapshot.Databases.All(d => d.MountedAt == "standby"));
        Assert.AreEqual(ClusterState.Online, lab.Resource(TestLab.Standby, "Network Name (MBX-1)").State);
        var dsmod = snapshot.RecentCommands.Single(c => c.CommandLine.StartsWith("dsmod", StringComparison.Ordinal));
        Assert.AreEqual("dsmod computer \"CN=MBX-1,CN=Computers,DC=contoso,DC=com\" -disabled no", dsmod.CommandLine);
        Assert.AreEqual("DC-STANDBY01.contoso.com", dsmod.Target, "done on a domain controller of the site where the CMS runs");
    }

    [TestMethod]
    public void EnableCmsComputerAccount_AccountEnabled_RefusedSayingSo()
    {
        using var lab = TestLab.Create();

        var refused = lab.Refused(LabActions.EnableCmsComputerAccount);

        Assert.AreEqual("The computer account of MBX-1 is already enabled in Active Directory; there is nothing to re-enable.", refused.Message);
    }

    [TestMethod]
    public async Task EnableCmsComputerAccount_Twice_SecondRefused()
    {
        using var lab = TestLab.Create();
        await ClearTheOldPrimary(lab);
        lab.Perform(LabActions.EnableCmsComputerAccount);

        var refused = lab.Refused(LabActions.EnableCmsComputerAccount);

        StringAssert.Contains(refused.Message, "already enabled");
    }

    /// <summary>The CMS runs at the standby; the old primary, back at the console only, has had /clearLocalCMS (which disabled the account).</summary>
    private static async Task ClearTheOldPrimary(TestLab lab)
    {
        await FaultInjectionTests.BringCmsOnlineAtStandby(lab);
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary", ["consoleAccess"] = "true" });
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.ClearLocalCms(), lab.Log, default))).Succeeded);
        Assert.IsFalse(lab.Lab.Snapshot().Directory.ComputerAccountEnabled);
    }
}
