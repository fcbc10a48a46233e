using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Tests.Commands;

[TestClass]
public sealed class LocalProcessTransportTests
{
    private static readonly LocalProcessTransport Transport = new();

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunAsync_ProcessWritesAndExits_CapturesOutputAndExitCode()
    {
        var output = await Transport.RunAsync("localhost", Sh("echo x; echo oops >&2; exit 3"), TimeSpan.FromSeconds(30), TestContext.CancellationToken);

        Assert.AreEqual(3, output.ExitCode);
        Assert.AreEqual("x\n", output.StandardOutput);
        Assert.AreEqual("oops\n", output.StandardError);
        Assert.IsFalse(output.TimedOut);
    }

    [TestMethod]
    public async Task RunAsync_ArgumentsWithSpacesAndQuotes_ReachTheProgramUnsplit()
    {
        var command = RenderedCommand.Of("/bin/sh", Arg.Plain("-c"), Arg.Plain("printf '%s|' \"$@\""), Arg.Plain("sh"), Arg.Quoted("Disk F:"), Arg.Switch("/moveto:", "MBX 1", quoted: true), Arg.Plain("a\"b"));

        var output = await Transport.RunAsync("localhost", command, TimeSpan.FromSeconds(30), TestContext.CancellationToken);

        Assert.AreEqual("Disk F:|/moveto:MBX 1|a\"b|", output.StandardOutput);
    }

    [TestMethod]
    public async Task RunAsync_PastTimeout_KillsTheWholeProcessTree()
    {
        string pidFile = Path.Combine(Path.GetTempPath(), $"runbook-child-{Guid.NewGuid():N}.pid");
        var started = DateTime.UtcNow;

        var output = await Transport.RunAsync("localhost", Sh($"sleep 60 & echo $! > {pidFile}; echo started; wait"), TimeSpan.FromMilliseconds(500), TestContext.CancellationToken);

        Assert.IsTrue(output.TimedOut);
        Assert.AreEqual(-1, output.ExitCode);
        Assert.AreEqual("started\n", output.StandardOutput);
        Assert.IsLessThan(TimeSpan.FromSeconds(30), DateTime.UtcNow - started);
        int child = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.IsTrue(await GoneAsync(child), $"the background child {child} survived the timeout");
        File.Delete(pidFile);
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_StopsTheProcessAndThrows()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<OperationCanceledException>(() => Transport.RunAsync("localhost", Sh("sleep 60"), TimeSpan.FromMinutes(5), cancel.Token));
    }

    [TestMethod]
    public async Task RunAsync_MissingExecutable_ThrowsTransportException()
    {
        var ex = await Assert.ThrowsAsync<CommandTransportException>(() =>
            Transport.RunAsync("localhost", RenderedCommand.Of("/nonexistent/cluster.exe"), TimeSpan.FromSeconds(5), TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "/nonexistent/cluster.exe");
    }

    private static RenderedCommand Sh(string script) => RenderedCommand.Of("/bin/sh", Arg.Plain("-c"), Arg.Plain(script));

    // Bounded poll: the kernel reaps the killed child shortly after the kill returns.
    private static async Task<bool> GoneAsync(int pid)
    {
        for (int i = 0; i < 100; i++)
        {
            if (!Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
