using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Storage;

[TestClass]
public sealed class StorageReplicationTests
{
    [TestMethod]
    public async Task Query_InitialState_ReplicatingPrimaryToStandbyInFullSync()
    {
        using var lab = TestLab.Create();

        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));

        Assert.IsTrue(status.InFullSync);
        Assert.AreEqual("primary", status.SourceSite);
        CollectionAssert.AreEqual(new[] { "primary" }, status.ReadWriteSites.ToArray());
        Assert.AreEqual("symrdf -g MBX1_DG query", lab.Log.Last.CommandLine);
        StringAssert.Contains(lab.Log.Last.OutputExcerpt, "Synchronized");
    }

    [TestMethod]
    public async Task Failover_ToStandby_StandbyReadWritePrimaryWriteDisabledAndRunningDisksFail()
    {
        using var lab = TestLab.Create();

        await lab.FlipStorageTo("standby");

        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));
        Assert.AreEqual(ReplicationState.FailedOver, status.State);
        CollectionAssert.AreEqual(new[] { "standby" }, status.ReadWriteSites.ToArray());
        Assert.AreEqual("symrdf -g MBX1_DG failover -noprompt", lab.Log.Records[^2].CommandLine);
        StringAssert.Contains(lab.Log.Records[^2].OutputExcerpt, "Read/Write Enable device(s) on RA at target (R2)");
        Assert.AreEqual(ClusterState.Failed, lab.Resource(TestLab.Primary, "Disk F:").State, "the devices were write-disabled under the running CMS");
        Assert.AreEqual(ClusterState.Failed, lab.Resource(TestLab.Primary, "SG1/DB1 (MBX-1)").State);
    }

    [TestMethod]
    public async Task Reverse_AfterFailover_SwapsDirectionAndResyncCountsDownOverScaledTime()
    {
        using var lab = TestLab.Create(timeScale: 1);
        await lab.FlipStorageTo("standby");

        await lab.Run(lab.Storage.ReverseAsync(TestLab.Group, lab.Log, default));
        var started = lab.Lab.Snapshot().Replication[0];
        lab.Time.Advance(TimeSpan.FromSeconds(1000));
        var later = lab.Lab.Snapshot().Replication[0];
        lab.Time.Advance(TimeSpan.FromHours(3));
        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));

        Assert.AreEqual("standby", started.SourceSite);
        Assert.AreEqual("SyncInProgress", started.State);
        Assert.AreEqual(250_000, started.InvalidTracks - later.InvalidTracks, 1_000, "250 tracks/s");
        Assert.AreEqual(ReplicationState.Synchronized, status.State);
        Assert.IsTrue(status.InFullSync);
        Assert.AreEqual("standby", status.SourceSite);
        Assert.IsTrue(lab.Log.Records.Any(r => r.CommandLine == "symrdf -g MBX1_DG swap -noprompt"));
        Assert.IsTrue(lab.Log.Records.Any(r => r.CommandLine == "symrdf -g MBX1_DG establish -noprompt"));
    }

    [TestMethod]
    public async Task Failover_WhilePartitioned_LeavesBothSitesReadWriteAndSwapIsRefused()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ReplicationPartitioned);

        await lab.FlipStorageTo("standby");
        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));
        var error = await lab.Fails(lab.Storage.ReverseAsync(TestLab.Group, lab.Log, default));

        Assert.AreEqual(ReplicationState.Partitioned, status.State);
        CollectionAssert.AreEquivalent(new[] { "primary", "standby" }, status.ReadWriteSites.ToArray());
        StringAssert.Contains(error.Message, "Partitioned");
        StringAssert.Contains(string.Join(" ", lab.Lab.Snapshot().Warnings), "Split brain");
    }

    [TestMethod]
    public async Task Restore_AfterSuspension_ReestablishesAndResyncs()
    {
        using var lab = TestLab.Create(timeScale: 1);
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended, new Dictionary<string, string> { ["tracks"] = "2500" });
        Assert.IsFalse((await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default))).InFullSync);

        await lab.Run(lab.Storage.RestoreAsync(TestLab.Group, lab.Log, default));
        lab.Time.Advance(TimeSpan.FromSeconds(20));

        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));
        Assert.IsTrue(status.InFullSync, $"{status.State} {status.InvalidTracks}");
    }

    [TestMethod]
    public async Task SyncOnce_Lagging_CatchesUp()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ReplicationLagging);
        var lagging = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));

        await lab.Run(lab.Storage.SyncOnceAsync(TestLab.Group, lab.Log, default));

        Assert.IsFalse(lagging.InFullSync);
        Assert.AreEqual(ReplicationState.Consistent, lagging.State);
        Assert.IsTrue((await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default))).InFullSync);
    }
}
