using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Tests.Support;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Tests.Storage;

[TestClass]
public sealed class GenericAdapterTests : IDisposable
{
    private readonly Shims shims = new();

    public TestContext TestContext { get; set; } = null!;

    public void Dispose() => shims.Dispose();

    [TestMethod]
    public async Task Verbs_ShimCli_RendersTemplatesAndReadsStateWithPatterns()
    {
        string state = shims.Put("state.txt", "Group RG-MBX1\nDirection: primary -> standby\nState: in-sync\nPending: 0 blocks\nLag: 00:00:12\n");
        var options = new CommandDriverOptions();
        options.ExecutableMap["mycli"] = shims.Write("mycli", $"case \"$1\" in status) cat '{state}' ;; esac");
        var topology = DefaultTopology.Create();
        var group = topology.ReplicationGroups[0];
        group.Adapter = "Generic";
        group.Settings["query"] = "mycli status --group {group}";
        group.Settings["sync"] = "mycli sync --group {group}";
        group.Settings["failover"] = "mycli failover --group {group} --site {site} --token {apiToken}";
        group.Settings["reverse"] = "mycli reverse --group \"{group}\"";
        group.Settings["restore"] = "mycli resync --group {group}";
        group.Settings["apiToken"] = "tkn-998877";
        group.Settings["state.Synchronized"] = @"^State: in-sync$";
        group.Settings["state.FailedOver"] = @"^State: promoted$";
        group.Settings["rw.primary"] = @"^Direction: primary ->";
        group.Settings["source.primary"] = @"^Direction: primary ->";
        group.Settings["invalidTracks"] = @"^Pending: (\d+) blocks";
        group.Settings["lag"] = @"^Lag: (\S+)";
        var drivers = new Drivers(new LocalProcessTransport(), options, topology);
        var adapter = new GenericAdapter(drivers.Runner, topology);
        var ct = TestContext.CancellationToken;

        var status = await adapter.QueryAsync(group, drivers.Log, ct);
        await adapter.SyncOnceAsync(group, drivers.Log, ct);
        await adapter.FailoverAsync(group, "standby", drivers.Log, ct);
        await adapter.ReverseAsync(group, drivers.Log, ct);
        await adapter.RestoreAsync(group, drivers.Log, ct);

        Assert.AreEqual(new ReplicationStatus("RG-MBX1", status.ReadWriteSites, "primary", ReplicationState.Synchronized, 0, TimeSpan.FromSeconds(12)), status);
        CollectionAssert.AreEqual(new[] { "primary" }, status.ReadWriteSites.ToArray());
        Assert.IsEmpty(GenericAdapter.Validate(group, topology).ToList());
        CollectionAssert.AreEqual(
            new[]
            {
                "mycli status --group RG-MBX1",
                "mycli sync --group RG-MBX1",
                "mycli failover --group RG-MBX1 --site standby --token ***",
                "mycli reverse --group RG-MBX1",
                "mycli resync --group RG-MBX1",
            },
            drivers.Log.CommandLines.ToArray());
        CollectionAssert.AreEqual(new[] { "failover", "--group", "RG-MBX1", "--site", "standby", "--token", "tkn-998877" }, shims.Calls("mycli")[2].ToArray());
    }

    [TestMethod]
    public void Validate_NoTemplatesOrPatterns_NamesEachMissingSetting()
    {
        var topology = DefaultTopology.Create();
        var group = topology.ReplicationGroups[0];
        group.Adapter = "Generic";
        group.Settings["state.Split"] = "([unclosed";

        var errors = GenericAdapter.Validate(group, topology).ToList();

        CollectionAssert.Contains(errors, "Topology:ReplicationGroups:0 (RG-MBX1):Settings:failover must hold the command template for 'failover'.");
        Assert.IsTrue(errors.Any(e => e.StartsWith("Topology:ReplicationGroups:0 (RG-MBX1):Settings:state.Split is not a valid regular expression", StringComparison.Ordinal)));
        Assert.HasCount(6, errors);
    }

    [TestMethod]
    public void Split_QuotedWords_StayTogether() =>
        CollectionAssert.AreEqual(new[] { "cli", "--name", "Disk Group 1", "" }, CommandTemplate.Split("cli  --name \"Disk Group 1\" \"\"").ToArray());
}
