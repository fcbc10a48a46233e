using System.Text.RegularExpressions;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Setup;

[TestClass]
public sealed class RecoverCmsTests
{
    private static readonly SetupCommand Recover = SetupCommand.RecoverCms(TestLab.Cms, ["10.2.0.50"]);

    [TestMethod]
    public async Task RecoverCms_StandbyDisksReadOnly_FailsWithDeviceNotReady()
    {
        using var lab = TestLab.Create();
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(5), lab.Log, default));

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Summary, "The device is not ready");
        Assert.AreEqual(1, lab.Log.Last.ExitCode);
        Assert.IsNull(lab.State(s => s.CmsGroup(s.SiteByCluster(TestLab.Standby)!)), "nothing may be created");
    }

    [TestMethod]
    public async Task RecoverCms_CmsNameStillAnswers_NetworkNameFailsAsDuplicateName()
    {
        using var lab = TestLab.Create();
        await lab.FlipStorageTo("standby");

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Summary, "duplicate name exists on the network");
        Assert.AreEqual("BringClusteredMailboxServerOnline", lab.State(s => s.Node("NodeC")!.SetupWatermark));
    }

    [TestMethod]
    public async Task RecoverCms_AfterFlip_CreatesCmsFromAdWithDisksOutsideAndInstancesWithoutDiskDependencies()
    {
        using var lab = TestLab.Create();
        await Activate(lab);

        var site = lab.State(s => s.SiteByCluster(TestLab.Standby)!);
        var group = site.Group(TestLab.Cms)!;
        Assert.AreEqual("NodeC", group.Owner);
        Assert.AreEqual(ClusterState.PartiallyOnline, group.State);
        Assert.AreEqual("10.2.0.50", site.Resource("IPv4 Address 1 (MBX-1)")!.Property("Address"));
        Assert.AreEqual(ClusterState.Online, site.Resource("Network Name (MBX-1)")!.State);
        var instances = site.Resources.Where(r => r.Type == ResourceTypes.DatabaseInstance).ToList();
        CollectionAssert.AreEquivalent(new[] { "SG1/DB1 (MBX-1)", "SG2/DB2 (MBX-1)" }, instances.Select(r => r.Name).ToArray());
        Assert.IsTrue(instances.All(r => r.State == ClusterState.Offline && r.Dependencies.SequenceEqual(["Exchange Information Store Instance (MBX-1)"])));
        Assert.IsTrue(site.Resources.Where(r => r.Type == ResourceTypes.PhysicalDisk).All(d => d.Group == "Available Storage"));
        Assert.IsNull(site.Nodes[0].SetupWatermark);
    }

    [TestMethod]
    public async Task RecoverCms_StorageGroupAddedAfterPreparation_RecoversItToo()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.StorageGroupAddedAfterPreparation);
        Assert.IsNotNull(lab.Resource(TestLab.Primary, "SG3/DB3 (MBX-1)"), "the running CMS gets the new instance");

        await Activate(lab);

        var instance = lab.Resource(TestLab.Standby, "SG3/DB3 (MBX-1)");
        Assert.IsNotNull(instance);
        Assert.AreEqual("SG3", instance.Property("StorageGroup"));
    }

    [TestMethod]
    public async Task RecoverCms_PassiveRoleMissingOnANode_Fails()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.PassiveRoleMissing, new Dictionary<string, string> { ["node"] = "NodeD" });
        await PrepareStandby(lab);

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Summary, "not installed on node 'NodeD'");
    }

    [TestMethod]
    public async Task RecoverCms_ExchangeVersionMismatch_Fails()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ExchangeVersionMismatch, new Dictionary<string, string> { ["node"] = "NodeC", ["version"] = "8.0.685.24" });
        await PrepareStandby(lab);

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));

        StringAssert.Contains(result.Summary, "8.0.685.24");
    }

    [TestMethod]
    public async Task RecoverCms_ComputerAccountNotReplicated_FailsWithSetupTextAndLeavesWatermark()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ComputerAccountNotReplicated);
        await PrepareStandby(lab);

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));

        StringAssert.Contains(result.Summary, "has not replicated to the desired domain controller");
        StringAssert.Contains(result.Summary, "after waiting approximately 60 seconds");
        Assert.AreEqual("WaitForComputerAccountReplication", lab.State(s => s.Node("NodeC")!.SetupWatermark));

        lab.Lab.ClearFault(LabFaults.ComputerAccountNotReplicated);
        var retried = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));
        Assert.IsTrue(retried.Succeeded, "a rerun resumes from the watermark: " + retried.Summary);
    }

    [TestMethod]
    public async Task RecoverCms_ClusterNameObjectLacksRights_NetworkNameFails0x8007139f()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ClusterNameObjectLacksRights);
        await PrepareStandby(lab);

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));

        StringAssert.Contains(result.Summary, "0x8007139f");
        Assert.AreEqual(ClusterState.Failed, lab.Resource(TestLab.Standby, "Network Name (MBX-1)").State);
    }

    [TestMethod]
    public async Task RecoverCms_AnyRun_AppendsExchangeSetupLogInTheRealFormat()
    {
        using var lab = TestLab.Create();
        string before = lab.State(s => s.Node("NodeC")!.SetupLog);

        var failed = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));
        await Activate(lab);

        string log = lab.State(s => s.Node("NodeC")!.SetupLog);
        Assert.IsTrue(log.StartsWith(before, StringComparison.Ordinal), "runs are appended");
        var line = new Regex(@"^\[\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)\] \[\d\] ", RegexOptions.Multiline);
        Assert.IsTrue(log.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(l => line.IsMatch(l)));
        StringAssert.Contains(failed.LogExcerpt, "[0] Starting Microsoft Exchange 2007 Setup");
        StringAssert.Contains(failed.LogExcerpt, "Command Line Parameter Name='cmsname', Value='MBX-1'.");
        StringAssert.Contains(failed.LogExcerpt, "[1] [ERROR] ");
        StringAssert.Contains(failed.LogExcerpt, "Setup is halting");
        StringAssert.Contains(failed.LogExcerpt, "The Exchange Server Setup operation did not complete.");
        StringAssert.Contains(log, "The Microsoft Exchange Server setup operation completed successfully.");
        StringAssert.Contains(log, "[0] End of Setup");
    }

    [TestMethod]
    public async Task Run_SetupFailsInjected_FailsWithTheMessageAndUnreachableNodeThrows()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.SetupFails, new Dictionary<string, string> { ["node"] = "NodeD", ["command"] = "install", ["message"] = "Disk full." });
        lab.Lab.InjectFault(LabFaults.PassiveRoleMissing, new Dictionary<string, string> { ["node"] = "NodeD" });

        var result = await lab.Run(lab.Setup.RunAsync("NodeD", SetupCommand.InstallPassiveMailboxRole(), lab.Log, default));
        Assert.AreEqual("Disk full.", result.Summary);

        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "standby" });
        var error = await lab.Fails(lab.Setup.RunAsync("NodeD", SetupCommand.InstallPassiveMailboxRole(), lab.Log, default));
        StringAssert.Contains(error.Message, "The RPC server is unavailable");
    }

    [TestMethod]
    public async Task Install_PassiveRoleMissing_InstallsTheRole()
    {
        using var lab = TestLab.Create(settings: new Dictionary<string, string?> { ["Runbook:Lab:StandbyPassiveRoleInstalled"] = "false" });
        Assert.IsFalse((await lab.Run(lab.Inspection.GetInstallationAsync("NodeC", lab.Log, default))).PassiveClusteredMailbox);

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", SetupCommand.InstallPassiveMailboxRole(), lab.Log, default));

        Assert.IsTrue(result.Succeeded, result.Summary);
        var installation = await lab.Run(lab.Inspection.GetInstallationAsync("NodeC", lab.Log, default));
        Assert.IsTrue(installation.PassiveClusteredMailbox);
        Assert.AreEqual("8.1.240.6", installation.Version);
    }

    internal static async Task PrepareStandby(TestLab lab)
    {
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(5), lab.Log, default));
        await lab.FlipStorageTo("standby");
    }

    internal static async Task Activate(TestLab lab)
    {
        await PrepareStandby(lab);
        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Recover, lab.Log, default));
        Assert.IsTrue(result.Succeeded, result.Summary);
    }
}
