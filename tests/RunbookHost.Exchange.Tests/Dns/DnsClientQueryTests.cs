using Microsoft.Extensions.Logging.Abstractions;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Dns;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Dns;

[TestClass]
public sealed class DnsClientQueryTests
{
    private const string Name = "mbx-1.contoso.test";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task QueryAsync_RecordChangesOnTheServer_DriverSeesTheNewAddressesAndTtl()
    {
        using var dns = StartDnsmasq(ttl: 7, ("10.1.0.50", Name));
        var query = NewQuery();

        var before = await AnswerAsync(query, dns, a => a.Addresses.Count > 0);
        dns.Answer(("10.2.0.51", Name), ("10.2.0.50", Name), ("10.2.0.9", Name));
        var after = await AnswerAsync(query, dns, a => a.Addresses.Count > 1);

        CollectionAssert.AreEqual(new[] { "10.1.0.50" }, before.Addresses.ToArray());
        Assert.AreEqual(TimeSpan.FromSeconds(7), before.Ttl);
        Assert.IsNull(before.Error);
        CollectionAssert.AreEqual(new[] { "10.2.0.9", "10.2.0.50", "10.2.0.51" }, after.Addresses.ToArray());
        Assert.AreEqual(dns.Server, after.Server);
    }

    [TestMethod]
    public async Task QueryAsync_UnknownName_ReturnsNxdomainAsError()
    {
        using var dns = StartDnsmasq(ttl: 7, ("10.1.0.50", Name));
        var query = NewQuery();
        await AnswerAsync(query, dns, a => a.Addresses.Count > 0);

        var answer = await query.QueryAsync(dns.Server, "nobody.contoso.test", TestContext.CancellationToken);

        Assert.IsEmpty(answer.Addresses);
        Assert.IsNull(answer.Ttl);
        StringAssert.StartsWith(answer.Error, "NXDOMAIN");
    }

    [TestMethod]
    public async Task QueryAsync_NoServerListening_ReturnsErrorWithoutThrowing()
    {
        var answer = await NewQuery().QueryAsync($"127.0.0.1:{Dnsmasq.FreePort()}", Name, TestContext.CancellationToken);

        Assert.IsEmpty(answer.Addresses);
        Assert.IsNotNull(answer.Error);
    }

    [TestMethod]
    [DataRow("dns1.contoso.test")]
    [DataRow("10.0.0.1:notaport")]
    public async Task QueryAsync_ServerNotAnAddress_ReturnsError(string server)
    {
        var answer = await NewQuery().QueryAsync(server, Name, TestContext.CancellationToken);

        StringAssert.Contains(answer.Error, "is not an IP address");
    }

    [TestMethod]
    [DataRow("10.1.0.10", "10.1.0.10:53")]
    [DataRow("127.0.0.1:5353", "127.0.0.1:5353")]
    [DataRow("[::1]:5353", "[::1]:5353")]
    public void TryParseServer_AddressForms_ParseToEndpoints(string server, string endpoint)
    {
        Assert.IsTrue(DnsClientQuery.TryParseServer(server, out var parsed));
        Assert.AreEqual(endpoint, parsed.ToString());
    }

    private static DnsClientQuery NewQuery() =>
        new(Microsoft.Extensions.Options.Options.Create(new CommandDriverOptions { DnsTimeout = TimeSpan.FromMilliseconds(500) }), NullLogger<DnsClientQuery>.Instance);

    private static Dnsmasq StartDnsmasq(int ttl, params (string Address, string Name)[] records)
    {
        string? executable = Dnsmasq.Find();
        if (executable is null)
        {
            Assert.Inconclusive("dnsmasq is not installed (apt-get install -y dnsmasq, or run .ci/dnsmasq.sh); the DNS driver needs a real DNS server to be tested.");
        }

        return Dnsmasq.Start(executable!, ttl, "contoso.test", records);
    }

    // Bounded poll: dnsmasq needs a moment to start and to re-read its hosts file after SIGHUP.
    private async Task<DnsAnswer> AnswerAsync(DnsClientQuery query, Dnsmasq dns, Func<DnsAnswer, bool> done)
    {
        DnsAnswer answer = new(dns.Server, [], null, "not asked");
        for (int i = 0; i < 50 && !dns.HasExited; i++)
        {
            answer = await query.QueryAsync(dns.Server, Name, TestContext.CancellationToken);
            if (done(answer))
            {
                return answer;
            }

            await Task.Delay(100, TestContext.CancellationToken);
        }

        Assert.Fail($"dnsmasq on {dns.Server} never gave the expected answer; last: {answer}; dnsmasq: {dns.Errors}");
        return answer;
    }
}
