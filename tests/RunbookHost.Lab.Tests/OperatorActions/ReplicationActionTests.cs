using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.OperatorActions;

[TestClass]
public sealed class ReplicationActionTests
{
    [TestMethod]
    public async Task RestoreReplication_Suspended_EstablishesFromTheSourceUntilInFullSyncAndRetiresTheFault()
    {
        using var lab = TestLab.Create(timeScale: 1);
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended, new Dictionary<string, string> { ["tracks"] = "25000" });

        var result = lab.Perform(LabActions.RestoreReplication);
        var copying = lab.Lab.Snapshot();
        lab.Time.Advance(TimeSpan.FromMinutes(5));
        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));

        Assert.AreEqual(("SyncInProgress", 25_000L, "primary"), (copying.Replication[0].State, copying.Replication[0].InvalidTracks, copying.Replication[0].SourceSite));
        Assert.IsEmpty(copying.Faults, "the suspension the fault made is over");
        StringAssert.Contains(result.Message, "RG-MBX1 is established again: 25000 invalid tracks are being copied from primary to standby.");
        StringAssert.Contains(result.Message, "The ReplicationSuspended fault no longer applies");
        Assert.AreEqual("symrdf -g MBX1_DG establish -noprompt", result.Commands.Single().CommandLine);
        Assert.AreEqual(result.Commands.Single(), copying.RecentCommands[^1], "the lab's recent commands show it");
        Assert.IsTrue(status.InFullSync, $"{status.State} {status.InvalidTracks}");
        Assert.AreEqual(ReplicationState.Synchronized, status.State);
    }

    [TestMethod]
    public void RestoreReplication_Lagging_UpdatesToFullSyncAndRetiresTheFault()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ReplicationLagging);

        var result = lab.Perform(LabActions.RestoreReplication, ("group", "RG-MBX1"));

        var replication = lab.Lab.Snapshot().Replication[0];
        Assert.IsTrue(replication.InFullSync, $"{replication.State} {replication.InvalidTracks}");
        Assert.AreEqual("symrdf -g MBX1_DG update -noprompt", result.Commands.Single().CommandLine);
        Assert.IsEmpty(lab.Lab.Snapshot().Faults);
    }

    [TestMethod]
    public void RestoreReplication_InFullSync_Refused()
    {
        using var lab = TestLab.Create();

        var refused = lab.Refused(LabActions.RestoreReplication);

        Assert.AreEqual("RG-MBX1 is already in full sync (Synchronized, 0 invalid tracks) from primary to standby.", refused.Message);
    }

    [TestMethod]
    public void RestoreReplication_LinkDown_RefusedAndTheFaultStays()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ReplicationPartitioned);

        var refused = lab.Refused(LabActions.RestoreReplication);

        StringAssert.Contains(refused.Message, "The replication link of RG-MBX1 is down (Partitioned)");
        Assert.HasCount(1, lab.Lab.Snapshot().Faults);
    }

    [TestMethod]
    public async Task RestoreReplication_FailedOver_RefusedPointingAtFailback()
    {
        using var lab = TestLab.Create();
        await lab.FlipStorageTo("standby");

        var refused = lab.Refused(LabActions.RestoreReplication);

        StringAssert.Contains(refused.Message, "RG-MBX1 is failed over: its devices are R/W at standby");
        StringAssert.Contains(refused.Message, "failback runbook");
        CollectionAssert.AreEqual(new[] { "standby" }, lab.Lab.Snapshot().Replication[0].ReadWriteSites.ToArray());
    }

    [TestMethod]
    public void RestoreReplication_ResyncStillCopying_RefusedWithTheTracksLeft()
    {
        using var lab = TestLab.Create(timeScale: 1);
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended, new Dictionary<string, string> { ["tracks"] = "25000" });
        lab.Perform(LabActions.RestoreReplication);
        lab.Time.Advance(TimeSpan.FromSeconds(20));

        var refused = lab.Refused(LabActions.RestoreReplication);

        Assert.AreEqual("RG-MBX1 is already resynchronising from primary: 20000 invalid tracks left. Let it finish.", refused.Message);
    }
}
