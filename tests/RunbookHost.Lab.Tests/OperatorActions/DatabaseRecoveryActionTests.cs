using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.Tests.Faults;
using RunbookHost.Lab.Tests.Setup;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.OperatorActions;

[TestClass]
public sealed class DatabaseRecoveryActionTests
{
    private const string Db1Instance = "SG1/DB1 (MBX-1)";

    [TestMethod]
    public async Task RestoreMissingLogs_MountFailedWith543_DatabaseMountsOnTheRetryAndTheFaultIsRetired()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.PrepareStandby(lab);
        lab.Lab.InjectFault(LabFaults.DirtyShutdownMissingLogs, new Dictionary<string, string> { ["database"] = "DB1" });
        await FaultInjectionTests.BringCmsOnlineAtStandby(lab);
        Assert.AreEqual(ClusterState.Failed, lab.Resource(TestLab.Standby, Db1Instance).State);

        var result = lab.Perform(LabActions.RestoreMissingLogs);
        await lab.Run(lab.Cluster.BringResourceOnlineAsync(TestLab.Standby, Db1Instance, TestLab.Wait, lab.Log, default));

        Assert.AreEqual(ClusterState.Online, lab.Resource(TestLab.Standby, Db1Instance).State);
        Assert.AreEqual("standby", lab.Lab.Snapshot().Databases.Single(d => d.Name == "DB1").MountedAt);
        StringAssert.Contains(result.Message, "SG1\\DB1 requires");
        Assert.IsEmpty(lab.Lab.Snapshot().Faults);
        var copy = result.Commands.Single();
        Assert.AreEqual("NodeC", copy.Target, "on the node that owns the log disk at the site where it is R/W");
        StringAssert.StartsWith(copy.CommandLine, "robocopy ");
        StringAssert.Contains(copy.CommandLine, "\"L:\\SG1\\Logs\" E00*.log");
    }

    [TestMethod]
    public void RestoreMissingLogs_NoLogMissing_RefusedNamingEachDatabase()
    {
        using var lab = TestLab.Create();

        var refused = lab.Refused(LabActions.RestoreMissingLogs);

        StringAssert.Contains(refused.Message, "SG1\\DB1 is missing no log file: the logs it requires (4400-4400) are in place");
        StringAssert.Contains(refused.Message, "SG2\\DB2 is missing no log file");
    }

    [TestMethod]
    public async Task RunSoftRecovery_AfterTheOldPrimaryCrashed_EveryDatabaseCleanAtTheStandby()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        await lab.FlipStorageTo("standby");
        Assert.AreEqual(DatabaseShutdownState.DirtyShutdown, (await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeC", @"F:\SG1\DB1.edb", lab.Log, default))).State);

        var result = lab.Perform(LabActions.RunSoftRecovery);
        var header = await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeC", @"F:\SG1\DB1.edb", lab.Log, default));

        Assert.AreEqual(DatabaseShutdownState.CleanShutdown, header.State);
        Assert.IsTrue(lab.Lab.Snapshot().Databases.All(d => d.Header == "CleanShutdown"));
        StringAssert.Contains(result.Message, "Soft recovery replayed the logs of SG1\\DB1, SG2\\DB2: Clean Shutdown.");
        CollectionAssert.AreEqual(
            new[] { "NodeC: eseutil /r E00 /l \"L:\\SG1\\Logs\" /s \"L:\\SG1\\System\" /d \"F:\\SG1\"", "NodeC: eseutil /r E01 /l \"M:\\SG2\\Logs\" /s \"M:\\SG2\\System\" /d \"G:\\SG2\"" },
            result.Commands.Select(c => $"{c.Target}: {c.CommandLine}").ToArray());
    }

    [TestMethod]
    public async Task RunSoftRecovery_DirtyShutdownFault_CleansThatDatabaseAndRetiresTheFault()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.PrepareStandby(lab);
        lab.Lab.InjectFault(LabFaults.DirtyShutdown, new Dictionary<string, string> { ["database"] = "DB2" });

        lab.Perform(LabActions.RunSoftRecovery, ("database", "DB2"));

        Assert.AreEqual("CleanShutdown", lab.Lab.Snapshot().Databases.Single(d => d.Name == "DB2").Header);
        Assert.IsEmpty(lab.Lab.Snapshot().Faults);
    }

    [TestMethod]
    public void RunSoftRecovery_DatabaseMounted_Refused()
    {
        using var lab = TestLab.Create();

        var refused = lab.Refused(LabActions.RunSoftRecovery, ("database", "DB1"));

        Assert.AreEqual("SG1\\DB1 is mounted at primary: eseutil cannot open it (-1032); dismount it first.", refused.Message);
    }

    [TestMethod]
    public async Task RunSoftRecovery_LogsMissing_RefusedPointingAtRestoreMissingLogs()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.PrepareStandby(lab);
        lab.Lab.InjectFault(LabFaults.DirtyShutdownMissingLogs, new Dictionary<string, string> { ["database"] = "DB1" });

        var refused = lab.Refused(LabActions.RunSoftRecovery, ("database", "DB1"));

        StringAssert.Contains(refused.Message, "would fail with -543");
        StringAssert.Contains(refused.Message, LabActions.RestoreMissingLogs);
    }

    [TestMethod]
    public async Task RunSoftRecovery_AlreadyClean_Refused()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.PrepareStandby(lab);

        var refused = lab.Refused(LabActions.RunSoftRecovery, ("database", "DB1"));

        Assert.AreEqual("SG1\\DB1 is already in Clean Shutdown: there is nothing to replay.", refused.Message);
    }
}
