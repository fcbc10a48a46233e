using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Storage;

[TestClass]
public sealed class SrdfAdapterTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Verbs_FromSynchronized_RenderSymrdfWithNoprompt()
    {
        var (adapter, drivers, group, transport) = Build(Samples.Read("Symrdf/synchronized.txt"));
        group.Settings["sid.primary"] = "000190300123";
        group.Settings["sid.standby"] = "000190300456";
        var ct = TestContext.CancellationToken;

        var status = await adapter.QueryAsync(group, drivers.Log, ct);
        await adapter.FailoverAsync(group, "standby", drivers.Log, ct);
        transport.Answer = (_, _) => FakeTransport.Ok(Samples.Symrdf("WD", "NR", "RW", 0, "Failed Over"));
        await adapter.ReverseAsync(group, drivers.Log, ct);
        await adapter.RestoreAsync(group, drivers.Log, ct);
        await adapter.SyncOnceAsync(group, drivers.Log, ct);
        await adapter.FailoverAsync(group, "primary", drivers.Log, ct);

        Assert.IsTrue(status.InFullSync);
        CollectionAssert.AreEqual(new[] { "primary" }, status.ReadWriteSites.ToArray());
        Assert.AreEqual("primary", status.SourceSite);
        CollectionAssert.AreEqual(
            new[]
            {
                "symrdf -g MBX1_DG query",
                "symrdf -g MBX1_DG query",
                "symrdf -g MBX1_DG failover -noprompt",
                "symrdf -g MBX1_DG query",
                "symrdf -g MBX1_DG swap -noprompt",
                "symrdf -g MBX1_DG establish -noprompt",
                "symrdf -g MBX1_DG establish -noprompt",
                "symrdf -g MBX1_DG query",
                "symrdf -g MBX1_DG update -noprompt",
                "symrdf -g MBX1_DG query",
                "symrdf -g MBX1_DG failback -noprompt",
            },
            drivers.Log.CommandLines.ToArray());
        Assert.AreEqual("symcli-host", transport.Runs[0].Host);
    }

    [TestMethod]
    public async Task ReverseAsync_AfterASwapWithoutItsEstablish_OnlyEstablishes()
    {
        // A host stopped between the two commands: the standby's array already holds R1 (R/W), the pair is suspended.
        var (adapter, drivers, group, _) = Build(Samples.Symrdf("RW", "NR", "WD", 120, "Suspended", "RDF1", localSid: "000190300456", remoteSid: "000190300123"));
        group.Settings["sid.primary"] = "000190300123";
        group.Settings["sid.standby"] = "000190300456";

        await adapter.ReverseAsync(group, drivers.Log, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "symrdf -g MBX1_DG query", "symrdf -g MBX1_DG establish -noprompt" }, drivers.Log.CommandLines.ToArray());
    }

    [TestMethod]
    public async Task ReverseAsync_AlreadyReplicatingFromTheReadWriteSide_RunsNoCommand()
    {
        var (adapter, drivers, group, _) = Build(Samples.Symrdf("RW", "RW", "WD", 0, "Synchronized", "RDF1", localSid: "000190300456", remoteSid: "000190300123"));
        group.Settings["sid.primary"] = "000190300123";
        group.Settings["sid.standby"] = "000190300456";

        await adapter.ReverseAsync(group, drivers.Log, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "symrdf -g MBX1_DG query" }, drivers.Log.CommandLines.ToArray());
    }

    [TestMethod]
    public async Task FailoverAsync_AlreadyReadWriteThereOnly_RunsNoCommand()
    {
        var (adapter, drivers, group, _) = Build(Samples.Symrdf("WD", "NR", "RW", 0, "Failed Over"));

        await adapter.FailoverAsync(group, "standby", drivers.Log, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "symrdf -g MBX1_DG query" }, drivers.Log.CommandLines.ToArray());
    }

    [TestMethod]
    public async Task QueryAsync_AfterSwapWithSids_MapsR1ToTheStandbySite()
    {
        // Queried from the standby's SYMCLI host after a swap: the local array (standby) now holds R1.
        var (adapter, drivers, group, _) = Build(Samples.Symrdf("RW", "RW", "WD", 0, "Synchronized", "RDF1", localSid: "000190300456", remoteSid: "000190300123"));
        group.Settings["sid.primary"] = "000190300123";
        group.Settings["sid.standby"] = "000190300456";

        var status = await adapter.QueryAsync(group, drivers.Log, TestContext.CancellationToken);

        Assert.AreEqual("standby", status.SourceSite);
        CollectionAssert.AreEqual(new[] { "standby" }, status.ReadWriteSites.ToArray());
    }

    [TestMethod]
    public async Task QueryAsync_SplitBrain_ReportsBothSitesReadWrite()
    {
        var (adapter, drivers, group, _) = Build(Samples.Symrdf("RW", "NR", "RW", 31, "Split"));

        var status = await adapter.QueryAsync(group, drivers.Log, TestContext.CancellationToken);

        CollectionAssert.AreEquivalent(new[] { "primary", "standby" }, status.ReadWriteSites.ToArray());
        Assert.IsFalse(status.InFullSync);
        Assert.AreEqual(31, status.InvalidTracks);
    }

    [TestMethod]
    public async Task ReverseAsync_WithoutSids_RefusesBecauseSidesWouldBeLost()
    {
        var (adapter, drivers, group, _) = Build(Samples.Read("Symrdf/synchronized.txt"));

        var ex = await Assert.ThrowsAsync<PortException>(() => adapter.ReverseAsync(group, drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "sid.<site>");
        Assert.IsEmpty(drivers.Log.Records);
    }

    [TestMethod]
    public async Task SyncOnceAsync_Partitioned_ThrowsNamingTheState()
    {
        var (adapter, drivers, group, _) = Build(Samples.Symrdf("RW", "NR", "WD", 120, "Partitioned"));

        var ex = await Assert.ThrowsAsync<PortException>(() => adapter.SyncOnceAsync(group, drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "Partitioned");
    }

    private static (SrdfAdapter Adapter, Drivers Drivers, Topology.ReplicationGroup Group, FakeTransport Transport) Build(string queryOutput)
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Ok(queryOutput));
        var drivers = new Drivers(transport);
        var group = drivers.Topology.ReplicationGroups[0];
        group.Settings["host"] = "symcli-host";
        return (new SrdfAdapter(drivers.Runner, drivers.Topology), drivers, group, transport);
    }
}
