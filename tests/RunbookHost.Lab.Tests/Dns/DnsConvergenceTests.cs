using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Tests.Setup;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Dns;

[TestClass]
public sealed class DnsConvergenceTests
{
    [TestMethod]
    public async Task Query_AfterNetworkNameOnlineAtStandby_EachServerConvergesAfterTtlPlusItsReplicationDelay()
    {
        using var lab = TestLab.Create(timeScale: 1);
        await RecoverCmsTests.Activate(lab);
        var registered = lab.State(s => s.DnsRegistration!.At);
        var ttl = TimeSpan.FromMinutes(20);
        var replication = TimeSpan.FromMinutes(15);

        Assert.AreEqual("10.1.0.50", await Answer(lab, "10.2.0.10"), "nothing converges before TTL");
        Advance(lab, registered + ttl + TimeSpan.FromSeconds(1));
        Assert.AreEqual("10.2.0.50", await Answer(lab, "10.2.0.10"), "the standby's own server converges after TTL");
        Assert.AreEqual("10.1.0.50", await Answer(lab, "10.1.0.10"), "the primary's servers wait for AD replication");
        Advance(lab, registered + ttl + replication + TimeSpan.FromSeconds(1));
        Assert.AreEqual("10.2.0.50", await Answer(lab, "10.1.0.10"));
        Assert.AreEqual("10.2.0.50", await Answer(lab, "10.1.0.11"));
        Assert.AreEqual("nslookup MBX-1 10.1.0.11", lab.State(s => s.RecentCommands[^1].CommandLine));
    }

    [TestMethod]
    public async Task Query_StaleServer_NeverConvergesUntilCleared()
    {
        using var lab = TestLab.Create(timeScale: 0.001);
        lab.Lab.InjectFault(LabFaults.DnsServerStale, new Dictionary<string, string> { ["server"] = "10.1.0.11" });
        await RecoverCmsTests.Activate(lab);

        lab.Time.Advance(TimeSpan.FromDays(2));

        Assert.AreEqual("10.2.0.50", await Answer(lab, "10.1.0.10"));
        Assert.AreEqual("10.1.0.50", await Answer(lab, "10.1.0.11"));
        Assert.IsTrue(lab.Lab.Snapshot().Dns.Single(d => d.Server == "10.1.0.11").Stale);
        lab.Lab.ClearFault(LabFaults.DnsServerStale);
        Assert.AreEqual("10.2.0.50", await Answer(lab, "10.1.0.11"));
    }

    [TestMethod]
    public async Task Probe_CmsName_AnswersWhileOnlineAndNotOnceOffline()
    {
        using var lab = TestLab.Create();
        var online = await lab.Run(lab.Probe.ProbeAsync(TestLab.Cms, default));
        var address = await lab.Run(lab.Probe.ProbeAsync("10.1.0.50", default));

        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(1), lab.Log, default));

        Assert.IsTrue(online.Answers);
        Assert.IsTrue(address.Answers);
        Assert.IsFalse((await lab.Run(lab.Probe.ProbeAsync(TestLab.Cms, default))).Answers);
        Assert.IsFalse((await lab.Run(lab.Probe.ProbeAsync("10.1.0.50", default))).Answers);
        lab.Lab.InjectFault(LabFaults.CmsNameAnswersElsewhere);
        Assert.IsTrue((await lab.Run(lab.Probe.ProbeAsync(TestLab.Cms, default))).Answers, "an impostor answers as the CMS name");
    }

    private static async Task<string> Answer(TestLab lab, string server) =>
        string.Join(",", (await lab.Run(lab.Dns.QueryAsync(server, TestLab.Cms, default))).Addresses);

    private static void Advance(TestLab lab, DateTimeOffset to)
    {
        if (to > lab.Time.GetUtcNow())
        {
            lab.Time.Advance(to - lab.Time.GetUtcNow());
        }
    }
}
