using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Cluster;

[TestClass]
public sealed class ClusterCommandDriverTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Verbs_EachVerb_RendersTheExactCommandLineOnAClusterNode()
    {
        var transport = new FakeTransport((_, c) => FakeTransport.Ok(c.Display.Contains("/stat") || c.Display.Contains("/listdep") ? Samples.Read("Cluster/res-stat.txt") : string.Empty));
        var drivers = new Drivers(transport);
        var driver = new ClusterCommandDriver(drivers.Runner, drivers.Topology);
        var ct = TestContext.CancellationToken;
        var wait = TimeSpan.FromSeconds(300);

        await driver.TakeGroupOfflineAsync("CLUSTER-PRI", "MBX-1", wait, drivers.Log, ct);
        await driver.BringGroupOnlineAsync("CLUSTER-DR", "MBX-1", TimeSpan.FromSeconds(119.2), drivers.Log, ct);
        await driver.MoveGroupAsync("CLUSTER-PRI", "MBX-1", "NodeB", TimeSpan.FromMinutes(10), drivers.Log, ct);
        await driver.TakeResourceOfflineAsync("CLUSTER-DR", "Exchange Database Instance (MBX-1/SG1/DB1)", wait, drivers.Log, ct);
        await driver.BringResourceOnlineAsync("CLUSTER-DR", "Disk F:", wait, drivers.Log, ct);
        await driver.MoveResourceAsync("CLUSTER-DR", "Disk F:", "MBX-1", drivers.Log, ct);
        await driver.AddDependencyAsync("CLUSTER-DR", "Exchange Database Instance (MBX-1/SG1/DB1)", "Disk F:", drivers.Log, ct);
        await driver.RemoveDependencyAsync("CLUSTER-DR", "Exchange Database Instance (MBX-1/SG1/DB1)", "Disk F:", drivers.Log, ct);
        await driver.ListDependenciesAsync("CLUSTER-DR", "Exchange Database Instance (MBX-1/SG1/DB1)", drivers.Log, ct);
        await driver.GetResourcesAsync("CLUSTER-DR", drivers.Log, ct);
        transport.Answer = (_, _) => FakeTransport.Ok(Samples.Read("Cluster/group-stat.txt"));
        await driver.GetGroupsAsync("CLUSTER-DR", drivers.Log, ct);

        CollectionAssert.AreEqual(
            new[]
            {
                "cluster.exe /cluster:CLUSTER-PRI group \"MBX-1\" /offline /wait:300",
                "cluster.exe /cluster:CLUSTER-DR group \"MBX-1\" /online /wait:120",
                "cluster.exe /cluster:CLUSTER-PRI group \"MBX-1\" /moveto:NodeB /wait:600",
                "cluster.exe /cluster:CLUSTER-DR res \"Exchange Database Instance (MBX-1/SG1/DB1)\" /offline /wait:300",
                "cluster.exe /cluster:CLUSTER-DR res \"Disk F:\" /online /wait:300",
                "cluster.exe /cluster:CLUSTER-DR res \"Disk F:\" /moveto:\"MBX-1\"",
                "cluster.exe /cluster:CLUSTER-DR res \"Exchange Database Instance (MBX-1/SG1/DB1)\" /adddep:\"Disk F:\"",
                "cluster.exe /cluster:CLUSTER-DR res \"Exchange Database Instance (MBX-1/SG1/DB1)\" /removedep:\"Disk F:\"",
                "cluster.exe /cluster:CLUSTER-DR res \"Exchange Database Instance (MBX-1/SG1/DB1)\" /listdep",
                "cluster.exe /cluster:CLUSTER-DR res /stat",
                "cluster.exe /cluster:CLUSTER-DR group /stat",
            },
            drivers.Log.CommandLines.ToArray());
        CollectionAssert.AreEqual(new[] { "NodeA", "NodeC" }, transport.Runs.Select(r => r.Host).Distinct().ToArray());
    }

    [TestMethod]
    public async Task MoveGroup_NodeTheClusterDoesNotHave_FailsWithClusterExesErrorAndExitCode()
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Fail(5042, Samples.Read("Cluster/error-5042.txt")));
        var drivers = new Drivers(transport);
        var driver = new ClusterCommandDriver(drivers.Runner, drivers.Topology);

        var failure = await Assert.ThrowsAsync<PortException>(() => driver.MoveGroupAsync("CLUSTER-PRI", "MBX-1", "NodeC", TimeSpan.FromMinutes(5), drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(failure.Message, "failed with exit code 5042");
        StringAssert.Contains(failure.Message, "The cluster node was not found.");
        Assert.AreEqual(5042, failure.Command!.ExitCode);
        Assert.AreEqual("cluster.exe /cluster:CLUSTER-PRI group \"MBX-1\" /moveto:NodeC /wait:300", failure.Command.CommandLine);
        Assert.AreEqual("NodeA", transport.Runs.Single().Host, "cluster.exe runs on a node of the cluster whose group moves");
    }

    [TestMethod]
    public void GroupMove_NodeNameWithASpace_IsQuotedAfterTheSwitch()
    {
        var drivers = new Drivers(new FakeTransport());
        var driver = new ClusterCommandDriver(drivers.Runner, drivers.Topology);

        var command = driver.GroupMove("CLUSTER-PRI", "MBX-1", "Node B", TimeSpan.FromSeconds(20));

        Assert.AreEqual("cluster.exe /cluster:CLUSTER-PRI group \"MBX-1\" /moveto:\"Node B\" /wait:20", command.Display);
        CollectionAssert.AreEqual(new[] { "/cluster:CLUSTER-PRI", "group", "MBX-1", "/moveto:Node B", "/wait:20" }, command.RawArguments.ToArray());
    }

    [TestMethod]
    public void HostFor_ConfiguredClusterHost_WinsOverTheSitesFirstNode()
    {
        var options = new CommandDriverOptions();
        options.ClusterHosts["CLUSTER-DR"] = "NodeD";
        var drivers = new Drivers(new FakeTransport(), options);
        var driver = new ClusterCommandDriver(drivers.Runner, drivers.Topology);

        Assert.AreEqual("NodeD", driver.HostFor("CLUSTER-DR"));
        Assert.AreEqual("NodeA", driver.HostFor("CLUSTER-PRI"));
        Assert.AreEqual("OTHER-CL", driver.HostFor("OTHER-CL"));
    }

    [TestMethod]
    public async Task EndToEnd_ShimClusterExe_ParsesItsOutputAndPassesExactArgv()
    {
        using var shims = new Shims();
        shims.Put("res-stat.txt", Samples.Read("Cluster/res-stat.txt"));
        shims.Put("listdep.txt", Samples.Read("Cluster/listdep.txt"));
        shims.Put("error.txt", Samples.Read("Cluster/error-5010.txt"));
        string shim = shims.Write("cluster", """
            case "$*" in
              *"/listdep"*) cat "$SHIMS/listdep.txt" ;;
              *"/stat"*) cat "$SHIMS/res-stat.txt" ;;
              *"/adddep"*) cat "$SHIMS/error.txt"; exit 5010 ;;
            esac
            """);
        var options = new CommandDriverOptions();
        options.ExecutableMap["cluster.exe"] = shim;
        var drivers = new Drivers(new LocalProcessTransport(), options);
        var driver = new ClusterCommandDriver(drivers.Runner, drivers.Topology);
        var ct = TestContext.CancellationToken;

        var resources = await driver.GetResourcesAsync("CLUSTER-DR", drivers.Log, ct);
        var dependencies = await driver.ListDependenciesAsync("CLUSTER-DR", "Exchange Database Instance (MBX-1/SG1/DB1)", drivers.Log, ct);
        var failure = await Assert.ThrowsAsync<PortException>(() => driver.AddDependencyAsync("CLUSTER-DR", "Exchange Database Instance (MBX-1/SG1/DB1)", "Disk G:", drivers.Log, ct));

        Assert.AreEqual(ClusterState.Failed, resources.Single(r => r.Name == "Exchange Information Store Instance (MBX-1)").State);
        CollectionAssert.AreEqual(new[] { "Exchange Information Store Instance (MBX-1)", "Disk F:", "Disk L:" }, dependencies.ToArray());
        StringAssert.Contains(failure.Message, "System error 5010");
        CollectionAssert.AreEqual(new[] { "/cluster:CLUSTER-DR", "res", "Exchange Database Instance (MBX-1/SG1/DB1)", "/adddep:Disk G:" }, shims.Calls("cluster")[2].ToArray());
    }
}
