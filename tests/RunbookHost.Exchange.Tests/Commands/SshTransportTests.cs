using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Commands;

/// <summary>The SSH transport against a real OpenSSH server on loopback.</summary>
[TestClass]
public sealed class SshTransportTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunAsync_RealSshd_RunsTheCommandAndReturnsOutputAndExitCode()
    {
        using var sshd = StartSshd();
        var transport = Transport(sshd, trustKey: sshd.HostKeyFingerprint);

        var output = await RunWithRetryAsync(transport, new RenderedCommand("sh", [Arg.Plain("-c"), Arg.Plain("echo Synchronized; echo oops >&2; exit 3")]));

        Assert.AreEqual(3, output.ExitCode);
        Assert.AreEqual("Synchronized", output.StandardOutput.Trim());
        Assert.AreEqual("oops", output.StandardError.Trim());
        Assert.IsFalse(output.TimedOut);
    }

    [TestMethod]
    public async Task RunAsync_HostKeyDoesNotMatch_RefusesToConnect()
    {
        using var sshd = StartSshd();
        var transport = Transport(sshd, trustKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        var error = await Assert.ThrowsExactlyAsync<CommandTransportException>(() => RunWithRetryAsync(transport, new RenderedCommand("true", [])));

        StringAssert.Contains(error.Message, "could not connect");
    }

    [TestMethod]
    public async Task RunAsync_CommandOutlivesTimeout_ReportsTimedOut()
    {
        using var sshd = StartSshd();
        var transport = Transport(sshd, trustKey: sshd.HostKeyFingerprint);

        var output = await RunWithRetryAsync(transport, new RenderedCommand("sleep", [Arg.Plain("30")]), TimeSpan.FromSeconds(2));

        Assert.IsTrue(output.TimedOut);
    }

    private Sshd StartSshd()
    {
        string? executable = Sshd.Find();
        if (executable is null)
        {
            Assert.Inconclusive("OpenSSH server is not installed (apt-get install -y openssh-server, or run .ci/sshd.sh); the SSH transport needs a real server to be tested.");
        }

        return Sshd.Start(executable!);
    }

    private static SshTransport Transport(Sshd sshd, string trustKey) => new(
        Options.Create(new CommandDriverOptions
        {
            Hosts = new(StringComparer.OrdinalIgnoreCase)
            {
                ["NodeC"] = new HostOptions
                {
                    Transport = TransportKind.Ssh,
                    Address = "127.0.0.1",
                    Port = sshd.Port,
                    User = Environment.UserName,
                    KeyFile = sshd.ClientKey,
                    HostKeySha256 = trustKey,
                    Quoting = RemoteQuoting.Posix,
                },
            },
        }),
        NullLogger<SshTransport>.Instance);

    // sshd needs a moment to listen: retry refused connections briefly (bounded).
    private async Task<CommandOutput> RunWithRetryAsync(SshTransport transport, RenderedCommand command, TimeSpan? timeout = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await transport.RunAsync("NodeC", command, timeout ?? TimeSpan.FromSeconds(20), TestContext.CancellationToken);
            }
            catch (CommandTransportException ex) when (attempt < 20 && ex.Message.Contains("refused", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(100, TestContext.CancellationToken);
            }
        }
    }
}
