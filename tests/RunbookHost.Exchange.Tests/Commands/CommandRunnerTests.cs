using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Tests.Support;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Tests.Commands;

[TestClass]
public sealed class CommandRunnerTests
{
    private const string ArrayPassword = "Arr@yPa55!";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunAsync_PasswordInSettings_NeverInCommandLineOrOutput()
    {
        var topology = DefaultTopology.Create();
        var group = topology.ReplicationGroups[0];
        group.Adapter = "Generic";
        group.Settings["password"] = ArrayPassword;
        group.Settings["host"] = "array-mgmt";
        group.Settings["sync"] = "arraycli --user admin --password={password} sync {group}";
        var transport = new FakeTransport((_, c) => FakeTransport.Fail(1, $"connecting with {c.Render(redact: false)}\nlogin as admin/{ArrayPassword} refused", $"auth error for password {ArrayPassword}"));
        var drivers = new Drivers(transport, topology: topology);
        var adapter = new GenericAdapter(drivers.Runner, topology);

        var ex = await Assert.ThrowsAsync<PortException>(() => adapter.SyncOnceAsync(group, drivers.Log, TestContext.CancellationToken));

        var record = drivers.Log.Records.Single();
        Assert.AreEqual("arraycli --user admin --password=*** sync RG-MBX1", record.CommandLine);
        Assert.DoesNotContain(ArrayPassword, record.OutputExcerpt);
        Assert.DoesNotContain(ArrayPassword, ex.Message);
        StringAssert.Contains(record.OutputExcerpt, "admin/***");
        Assert.AreEqual($"arraycli --user admin --password={ArrayPassword} sync RG-MBX1", transport.Runs.Single().Command.Render(redact: false));
    }

    [TestMethod]
    public async Task RunAsync_SecretArgument_MaskedInRecordAndOutput()
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Ok("echoing -p hunter2hunter2"));
        var drivers = new Drivers(transport);

        var result = await drivers.Runner.RunAsync("NodeC", RenderedCommand.Of("tool", Arg.Plain("-p"), Arg.Secret("hunter2hunter2")), CommandVerbs.Default, drivers.Log, TestContext.CancellationToken);

        Assert.AreEqual("tool -p ***", result.Record.CommandLine);
        Assert.AreEqual("echoing -p ***", result.StandardOutput);
        Assert.AreEqual("echoing -p ***", result.Record.OutputExcerpt);
    }

    [TestMethod]
    public async Task RunAsync_LongOutput_ExcerptKeepsFirstAndLastTwentyLines()
    {
        string output = string.Join("\n", Enumerable.Range(1, 100).Select(i => $"line {i}"));
        var drivers = new Drivers(new FakeTransport((_, _) => FakeTransport.Ok(output)));

        var result = await drivers.Runner.RunAsync("NodeA", RenderedCommand.Of("tool"), CommandVerbs.Default, drivers.Log, TestContext.CancellationToken);

        var lines = result.Record.OutputExcerpt.Split('\n');
        Assert.HasCount(41, lines);
        Assert.AreEqual("line 1", lines[0]);
        Assert.AreEqual("line 20", lines[19]);
        Assert.AreEqual("... (60 lines omitted) ...", lines[20]);
        Assert.AreEqual("line 100", lines[40]);
    }

    [TestMethod]
    public async Task RunAsync_NonZeroExit_ThrowsPortExceptionWithTheToolsMessage()
    {
        var drivers = new Drivers(new FakeTransport((_, _) => FakeTransport.Fail(5010, Samples.Read("Cluster/error-5010.txt"))));

        var ex = await Assert.ThrowsAsync<PortException>(() => drivers.Runner.RunAsync("NodeC", RenderedCommand.Of("cluster.exe", Arg.Plain("res")), CommandVerbs.ClusterChange, drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "exit code 5010");
        StringAssert.Contains(ex.Message, "The group or resource is not in the correct state");
        Assert.AreSame(drivers.Log.Records.Single(), ex.Command);
    }

    [TestMethod]
    public async Task RunAsync_TimedOut_ThrowsPortExceptionNamingTheTimeout()
    {
        var drivers = new Drivers(new FakeTransport((_, _) => new CommandOutput(-1, "partial", string.Empty, TimedOut: true)));

        var ex = await Assert.ThrowsAsync<PortException>(() => drivers.Runner.RunAsync("NodeC", RenderedCommand.Of("setup.com"), CommandVerbs.Setup, drivers.Log, TestContext.CancellationToken, TimeSpan.FromSeconds(7)));

        StringAssert.Contains(ex.Message, "did not finish within 00:00:07");
        Assert.AreEqual(-1, drivers.Log.Records.Single().ExitCode);
    }

    [TestMethod]
    public async Task RunAsync_ExecutableMap_RunsTheShimButRecordsTheRealName()
    {
        using var shims = new Shims();
        string shim = shims.Write("eseutil", "echo mapped");
        var options = new CommandDriverOptions();
        options.ExecutableMap["eseutil.exe"] = shim;
        var drivers = new Drivers(new LocalProcessTransport(), options);

        var result = await drivers.Runner.RunAsync("NodeC", RenderedCommand.Of(@"C:\Program Files\Microsoft\Exchange Server\Bin\eseutil.exe", Arg.Plain("/mh")), CommandVerbs.Eseutil, drivers.Log, TestContext.CancellationToken);

        Assert.AreEqual("mapped\n", result.StandardOutput);
        Assert.AreEqual("\"C:\\Program Files\\Microsoft\\Exchange Server\\Bin\\eseutil.exe\" /mh", result.Record.CommandLine);
        Assert.AreEqual("NodeC", result.Record.Target);
    }

    [TestMethod]
    public async Task RunAsync_HostUnreachable_ThrowsPortExceptionAndRecordsIt()
    {
        var drivers = new Drivers(new ThrowingTransport());

        var ex = await Assert.ThrowsAsync<PortException>(() => drivers.Runner.RunAsync("NodeA", RenderedCommand.Of("cluster.exe"), CommandVerbs.Default, drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "could not run on NodeA");
        Assert.AreEqual(-1, drivers.Log.Records.Single().ExitCode);
    }

    private sealed class ThrowingTransport : ICommandTransport
    {
        public Task<CommandOutput> RunAsync(string host, RenderedCommand command, TimeSpan timeout, CancellationToken cancellationToken) =>
            throw new CommandTransportException("could not connect to NodeA:22: connection refused");
    }
}
