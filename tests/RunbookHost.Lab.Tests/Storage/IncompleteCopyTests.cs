using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Storage;

/// <summary>A failover while a resync is still copying leaves the tracks owed recorded and the target's copy inconsistent.</summary>
[TestClass]
public sealed class IncompleteCopyTests
{
    private const string Edb = @"F:\SG1\DB1.edb";
    [TestMethod]
    public async Task Failover_WhileSyncInProgress_KeepsTheInvalidTracksAndTheStandbyHeadersReadDirty()
    {
        using var lab = TestLab.Create(timeScale: 1);

        long owed = await FlipWhileResyncing(lab);

        var status = await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default));
        Assert.AreEqual(ReplicationState.FailedOver, status.State);
        Assert.AreEqual(owed, status.InvalidTracks, "the tracks that never reached the standby stay recorded");
        var header = await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeC", Edb, lab.Log, default));
        Assert.AreEqual(DatabaseShutdownState.DirtyShutdown, header.State, "the primary dismounted it cleanly, but the standby's copy is incomplete");
        StringAssert.Contains(string.Join(" ", lab.Lab.Snapshot().Warnings), "Incomplete copy: the devices of RG-MBX1 at standby");
    }

    [TestMethod]
    public async Task Failover_WhileSyncInProgress_DatabasesFailToMountAtTheStandbyWithRequiredLogsMissing()
    {
        using var lab = TestLab.Create(timeScale: 1);
        await FlipWhileResyncing(lab);
        var recovered = await lab.Run(lab.Setup.RunAsync("NodeC", SetupCommand.RecoverCms(TestLab.Cms, ["10.2.0.50"]), lab.Log, default));
        Assert.IsTrue(recovered.Succeeded, recovered.Summary);
        foreach (var disk in lab.Topology.Disks)
        {
            await lab.Run(lab.Cluster.MoveResourceAsync(TestLab.Standby, disk.Name, TestLab.Cms, lab.Log, default));
        }

        await lab.Run(lab.Cluster.AddDependencyAsync(TestLab.Standby, "SG1/DB1 (MBX-1)", "Disk F:", lab.Log, default));
        await lab.Run(lab.Cluster.AddDependencyAsync(TestLab.Standby, "SG1/DB1 (MBX-1)", "Disk L:", lab.Log, default));

        await lab.Run(lab.Cluster.BringGroupOnlineAsync(TestLab.Standby, TestLab.Cms, TimeSpan.FromMinutes(30), lab.Log, default));

        var instance = lab.Resource(TestLab.Standby, "SG1/DB1 (MBX-1)");
        Assert.AreEqual(ClusterState.Failed, instance.State);
        StringAssert.StartsWith(instance.FailureReason, @"Failed to mount database 'SG1\DB1': error -543 (JET_errRequiredLogFilesMissing). The database and logs at site standby are an incomplete copy");
    }

    [TestMethod]
    public async Task Failback_AfterAnIncompleteFailover_ResyncsTheOwedTracksAndTheStandbyCopyIsConsistentAgain()
    {
        using var lab = TestLab.Create(timeScale: 1);
        long owed = await FlipWhileResyncing(lab);

        await lab.FlipStorageTo("primary");
        long resynced = lab.State(s => s.Replication[0].ResyncStartTracks);
        lab.Time.Advance(TimeSpan.FromHours(3));
        Assert.IsTrue((await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default))).InFullSync);
        await lab.FlipStorageTo("standby");

        Assert.AreEqual(owed, resynced, "the failback copies the tracks the standby never received");
        var header = await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeC", Edb, lab.Log, default));
        Assert.AreEqual(DatabaseShutdownState.CleanShutdown, header.State);
        Assert.IsEmpty(lab.Lab.Snapshot().Warnings, string.Join("; ", lab.Lab.Snapshot().Warnings));
    }

    [TestMethod]
    public async Task Reverse_AfterAnIncompleteFailover_CopiesTheIncompleteImageToThePrimary()
    {
        using var lab = TestLab.Create(timeScale: 1);
        await FlipWhileResyncing(lab);

        await lab.Run(lab.Storage.ReverseAsync(TestLab.Group, lab.Log, default));
        lab.Time.Advance(TimeSpan.FromHours(3));
        Assert.IsTrue((await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default))).InFullSync);
        await lab.FlipStorageTo("primary");

        var header = await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeA", Edb, lab.Log, default));
        Assert.AreEqual(DatabaseShutdownState.DirtyShutdown, header.State, "the full copy from the standby carried its torn image");
    }

    [TestMethod]
    public async Task Failover_SnapMirrorWhileTransferring_KeepsTheLagAndTheDestinationIsTheLastSnapshot()
    {
        using var lab = TestLab.Create(timeScale: 1);
        lab.Lab.Change((state, _) => state.Replication[0].Adapter = "SnapMirror");

        long owed = await FlipWhileResyncing(lab);

        Assert.AreEqual(owed, (await lab.Run(lab.Storage.QueryAsync(TestLab.Group, lab.Log, default))).InvalidTracks);
        var header = await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeC", Edb, lab.Log, default));
        Assert.AreEqual(DatabaseShutdownState.CleanShutdown, header.State);
    }

    /// <summary>Takes the CMS offline at the primary, starts a resync of 200,000 tracks and fails over to the standby before it ends; returns the tracks still owed.</summary>
    private static async Task<long> FlipWhileResyncing(TestLab lab)
    {
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended, new Dictionary<string, string> { ["tracks"] = "200000" });
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TestLab.Wait, lab.Log, default));
        lab.Lab.ClearFault(LabFaults.ReplicationSuspended);
        lab.Time.Advance(TimeSpan.FromSeconds(100));
        var resyncing = lab.Lab.Snapshot().Replication[0];
        Assert.AreEqual("SyncInProgress", resyncing.State);
        Assert.AreEqual(175_000, resyncing.InvalidTracks, "250 tracks/s for 100 s");

        await lab.FlipStorageTo("standby");
        return resyncing.InvalidTracks;
    }
}
