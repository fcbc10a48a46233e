using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Lab.Tests.Shims;

/// <summary>symrdf and snapmirror through the shim, read by the REAL storage adapters.</summary>
[TestClass]
public sealed class ShimStorageTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Query_AfterFailover_ReportsTheStandbyReadWrite()
    {
        using var lab = ShimLab.Create();
        var ct = TestContext.CancellationToken;
        await lab.LabStorage.FailoverAsync(ShimLab.Group, "standby", lab.Log, ct);

        var status = await lab.Storage.QueryAsync(ShimLab.Group, lab.Log, ct);

        CollectionAssert.AreEqual(new[] { "standby" }, status.ReadWriteSites.ToArray());
        Assert.AreEqual("primary", status.SourceSite);
        Assert.AreEqual(ReplicationState.FailedOver, status.State);
        Assert.AreEqual(0, status.InvalidTracks);
        StringAssert.Contains(lab.Log.Last.OutputExcerpt, "DEV001  00A1  WD       0        0 RW 00B1 RW       0        0 S..   Failed Over");
    }

    [TestMethod]
    public async Task Failover_DuringSyncInProg_QueryKeepsTheInvalidTracksAndEseutilReadsTheStandbyCopyDirty()
    {
        using var lab = ShimLab.Create();
        var ct = TestContext.CancellationToken;
        await lab.LabCluster.TakeGroupOfflineAsync(ShimLab.Primary, ShimLab.Cms, TimeSpan.FromMinutes(5), lab.Log, ct);
        lab.Lab.Change((state, _) => (state.Replication[0].State, state.Replication[0].InvalidTracks) = (ReplicationState.SyncInProgress, 5210));

        await lab.Storage.FailoverAsync(ShimLab.Group, "standby", lab.Log, ct);
        var status = await lab.Storage.QueryAsync(ShimLab.Group, lab.Log, ct);
        var header = await lab.Inspection.GetDatabaseHeaderAsync("NodeC", @"F:\SG1\DB1.edb", lab.Log, ct);

        Assert.AreEqual("symrdf -g MBX1_DG failover -noprompt", lab.Log.Records[^3].CommandLine);
        Assert.AreEqual((ReplicationState.FailedOver, 5210), (status.State, status.InvalidTracks));
        Assert.AreEqual(DatabaseShutdownState.DirtyShutdown, header.State);
    }

    [TestMethod]
    public async Task Reverse_AfterFailover_SwapsTheSidesTheQueryReports()
    {
        using var lab = ShimLab.Create();
        var ct = TestContext.CancellationToken;
        await lab.LabStorage.FailoverAsync(ShimLab.Group, "standby", lab.Log, ct);

        await lab.Storage.ReverseAsync(ShimLab.Group, lab.Log, ct);
        var status = await lab.Storage.QueryAsync(ShimLab.Group, lab.Log, ct);

        Assert.AreEqual("standby", status.SourceSite, "DG's Symmetrix ID is the standby array's sid now");
        CollectionAssert.AreEqual(new[] { "standby" }, status.ReadWriteSites.ToArray());
        Assert.AreEqual(ReplicationState.Synchronized, status.State, "time scale 0: the full copy is done at once");
        Assert.AreEqual("standby", lab.Lab.Snapshot().Replication[0].SourceSite);
        CollectionAssert.AreEqual(new[] { "symrdf -g MBX1_DG swap -noprompt", "symrdf -g MBX1_DG establish -noprompt" }, lab.Log.Records.Skip(lab.Log.Records.Count - 3).Take(2).Select(r => r.CommandLine).ToArray());
    }

    [TestMethod]
    public async Task Failover_SnapMirrorToDestination_QuiescesAndBreaksTheDestination()
    {
        var topology = DefaultTopology.Create();
        topology.ReplicationGroups[0] = new ReplicationGroup
        {
            Name = ShimLab.Group,
            Adapter = "SnapMirror",
            Settings = new(StringComparer.OrdinalIgnoreCase)
            {
                ["sourcePath"] = "filer1:vol_mbx1",
                ["destinationPath"] = "filer2:vol_mbx1",
                ["sourceSite"] = "primary",
                ["destinationSite"] = "standby",
            },
        };
        using var lab = ShimLab.Create(topology);
        var ct = TestContext.CancellationToken;

        await lab.Storage.FailoverAsync(ShimLab.Group, "standby", lab.Log, ct);
        var status = await lab.Storage.QueryAsync(ShimLab.Group, lab.Log, ct);

        CollectionAssert.AreEqual(
            new[] { "filer2: snapmirror status filer2:vol_mbx1", "filer2: snapmirror quiesce filer2:vol_mbx1", "filer2: snapmirror break filer2:vol_mbx1", "filer2: snapmirror status filer2:vol_mbx1" },
            lab.Log.Records.Select(r => $"{r.Target}: {r.CommandLine}").ToArray());
        Assert.AreEqual(ReplicationState.FailedOver, status.State);
        CollectionAssert.AreEqual(new[] { "standby" }, status.ReadWriteSites.ToArray());
        CollectionAssert.AreEqual(new[] { "standby" }, lab.Lab.Snapshot().Replication[0].ReadWriteSites.ToArray());
    }
}
