using System.Net;
using System.Net.Sockets;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Network;

namespace RunbookHost.Exchange.Tests.Network;

[TestClass]
public sealed class NetworkProbeDriverTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ProbeAsync_PortListening_Answers()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await Probe(port).ProbeAsync("127.0.0.1", TestContext.CancellationToken);

        Assert.IsTrue(result.Answers);
        StringAssert.Contains(result.Detail, $"port {port}");
    }

    [TestMethod]
    public async Task ProbeAsync_NothingListening_DoesNotAnswerAndSaysWhy()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await Probe(port).ProbeAsync("127.0.0.1", TestContext.CancellationToken);

        Assert.IsFalse(result.Answers);
        StringAssert.Contains(result.Detail, $"tcp/{port}");
    }

    private static NetworkProbeDriver Probe(int port) =>
        new(Microsoft.Extensions.Options.Options.Create(new CommandDriverOptions { Probe = new ProbeOptions { Ping = false, TcpPorts = [port], Timeout = TimeSpan.FromSeconds(2) } }));
}
