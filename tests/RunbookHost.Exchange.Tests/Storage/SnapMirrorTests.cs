using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Tests.Support;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Tests.Storage;

[TestClass]
public sealed class SnapMirrorTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("snapmirrored", "Snapmirrored", "Idle", ReplicationState.Consistent, 252)]
    [DataRow("transferring", "Snapmirrored", "Transferring  (1320 MB done)", ReplicationState.SyncInProgress, 94503)]
    [DataRow("quiesced", "Quiesced", "Idle", ReplicationState.Suspended, 580)]
    [DataRow("broken-off", "Broken-off", "Idle", ReplicationState.FailedOver, 721)]
    [DataRow("pending", "Snapmirrored", "Pending", ReplicationState.Partitioned, 12600)]
    [DataRow("uninitialized", "Uninitialized", "Idle", ReplicationState.Invalid, -1)]
    public void Parse_StatusSamples_ReadStateStatusAndLag(string sample, string state, string status, ReplicationState mapped, int lagSeconds)
    {
        var row = SnapMirrorStatusParser.Parse(Samples.Read($"SnapMirror/{sample}.txt")).Single();

        Assert.AreEqual(("filer1:vol_sg1", "filer2:vol_sg1", state, status), (row.Source, row.Destination, row.State, row.Status));
        Assert.AreEqual(mapped, row.ReplicationState);
        Assert.AreEqual(lagSeconds < 0 ? null : TimeSpan.FromSeconds(lagSeconds), row.Lag);
    }

    [TestMethod]
    public void Parse_SnapmirrorOff_ThrowsFormatException() =>
        Assert.ThrowsExactly<FormatException>(() => SnapMirrorStatusParser.Parse("Snapmirror is off.\n"));

    [TestMethod]
    public async Task Verbs_ConfiguredDirection_RenderSnapmirrorOnTheRightFiler()
    {
        var (adapter, drivers, group, transport) = Build("snapmirrored");
        var ct = TestContext.CancellationToken;

        var status = await adapter.QueryAsync(group, drivers.Log, ct);
        await adapter.SyncOnceAsync(group, drivers.Log, ct);
        await adapter.FailoverAsync(group, "standby", drivers.Log, ct);
        transport.Answer = (_, _) => FakeTransport.Ok(Samples.Read("SnapMirror/broken-off.txt"));
        await adapter.ReverseAsync(group, drivers.Log, ct);
        await adapter.RestoreAsync(group, drivers.Log, ct);

        Assert.AreEqual(ReplicationState.Consistent, status.State);
        Assert.AreEqual(TimeSpan.FromSeconds(252), status.Lag);
        CollectionAssert.AreEqual(new[] { "primary" }, status.ReadWriteSites.ToArray());
        CollectionAssert.AreEqual(
            new[]
            {
                "filer2: snapmirror status filer2:vol_sg1",
                "filer2: snapmirror status filer2:vol_sg1",
                "filer2: snapmirror update filer2:vol_sg1",
                "filer2: snapmirror status filer2:vol_sg1",
                "filer2: snapmirror quiesce filer2:vol_sg1",
                "filer2: snapmirror break filer2:vol_sg1",
                "filer2: snapmirror status filer2:vol_sg1",
                "filer1: snapmirror resync -f -S filer2:vol_sg1 filer1:vol_sg1",
                "filer2: snapmirror status filer2:vol_sg1",
                "filer2: snapmirror resync -f -S filer1:vol_sg1 filer2:vol_sg1",
            },
            drivers.Log.Records.Select(r => $"{r.Target}: {r.CommandLine}").ToArray());
    }

    [TestMethod]
    public async Task QueryAsync_ReversedRelationship_AsksTheOtherFilerAndSwapsSites()
    {
        var transport = new FakeTransport((host, _) => FakeTransport.Ok(host == "filer2"
            ? "Snapmirror is on.\nSource                 Destination            State          Lag        Status\nfiler2:vol_sg1         filer1:vol_sg1         Source         00:01:10   Idle\n"
            : "Snapmirror is on.\nSource                 Destination            State          Lag        Status\nfiler2:vol_sg1         filer1:vol_sg1         Snapmirrored   00:01:10   Idle\n"));
        var (adapter, drivers, group, _) = Build("snapmirrored", transport);

        var status = await adapter.QueryAsync(group, drivers.Log, TestContext.CancellationToken);

        Assert.AreEqual("standby", status.SourceSite);
        CollectionAssert.AreEqual(new[] { "standby" }, status.ReadWriteSites.ToArray());
        CollectionAssert.AreEqual(new[] { "filer2", "filer1" }, transport.Runs.Select(r => r.Host).ToArray());
    }

    [TestMethod]
    public async Task FailoverAsync_BackToBrokenSource_RefusesAndExplains()
    {
        var (adapter, drivers, group, _) = Build("broken-off");

        var ex = await Assert.ThrowsAsync<PortException>(() => adapter.FailoverAsync(group, "primary", drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "needs reverse");
    }

    [TestMethod]
    public void Validate_MissingPathsAndUnknownSite_NameEachSetting()
    {
        var topology = DefaultTopology.Create();
        var group = topology.ReplicationGroups[0];
        group.Adapter = "SnapMirror";
        group.Settings["sourceSite"] = "mars";

        var errors = SnapMirrorAdapter.Validate(group, topology).ToList();

        CollectionAssert.Contains(errors, "Topology:ReplicationGroups:0 (RG-MBX1):Settings:sourcePath must be 'filer:volume' (e.g. filer1:vol_sg1).");
        Assert.IsTrue(errors.Any(e => e.StartsWith("Topology:ReplicationGroups:0 (RG-MBX1):Settings:sourceSite must name a site", StringComparison.Ordinal)));
        Assert.HasCount(4, errors);
    }

    private static (SnapMirrorAdapter Adapter, Drivers Drivers, ReplicationGroup Group, FakeTransport Transport) Build(string sample, FakeTransport? transport = null)
    {
        transport ??= new FakeTransport((_, c) => FakeTransport.Ok(c.Display.Contains(" status ") ? Samples.Read($"SnapMirror/{sample}.txt") : string.Empty));
        var drivers = new Drivers(transport);
        var group = drivers.Topology.ReplicationGroups[0];
        group.Adapter = "SnapMirror";
        group.Settings["sourcePath"] = "filer1:vol_sg1";
        group.Settings["destinationPath"] = "filer2:vol_sg1";
        group.Settings["sourceSite"] = "primary";
        group.Settings["destinationSite"] = "standby";
        return (new SnapMirrorAdapter(drivers.Runner), drivers, group, transport);
    }
}
