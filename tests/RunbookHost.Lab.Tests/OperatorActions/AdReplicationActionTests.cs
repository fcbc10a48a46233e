using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.Tests.Faults;
using RunbookHost.Lab.Tests.Setup;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.OperatorActions;

[TestClass]
public sealed class AdReplicationActionTests
{
    [TestMethod]
    public async Task ForceAdReplication_CmsJustOnlineAtStandby_EveryServerAnswersTheNewAddressExceptAStaleOne()
    {
        using var lab = TestLab.Create(timeScale: 1);
        lab.Lab.InjectFault(LabFaults.DnsServerStale, new Dictionary<string, string> { ["server"] = "10.1.0.10" });
        await FaultInjectionTests.BringCmsOnlineAtStandby(lab);
        Assert.IsTrue(lab.Lab.Snapshot().Dns.All(d => d.Addresses.SequenceEqual(["10.1.0.50"])), "before: TTL and inter-site replication not over yet");

        var result = lab.Perform(LabActions.ForceAdReplication);

        var answers = new Dictionary<string, string>();
        foreach (string server in new[] { "10.1.0.10", "10.1.0.11", "10.2.0.10" })
        {
            answers[server] = string.Join(",", (await lab.Run(lab.Dns.QueryAsync(server, TestLab.Cms, default))).Addresses);
        }

        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["10.1.0.10"] = "10.1.0.50", ["10.1.0.11"] = "10.2.0.50", ["10.2.0.10"] = "10.2.0.50" }, answers);
        StringAssert.Contains(result.Message, "10.1.0.11, 10.2.0.10 now answer MBX-1 with 10.2.0.50.");
        StringAssert.Contains(result.Message, "Still not converged: 10.1.0.10 (held stale by the DnsServerStale fault).");
        CollectionAssert.AreEqual(new[] { "repadmin /syncall /AdeP", "dnscmd 10.1.0.11 /clearcache", "dnscmd 10.2.0.10 /clearcache" }, result.Commands.Select(c => c.CommandLine).ToArray());
        Assert.AreEqual("DC-STANDBY01.contoso.com", result.Commands[0].Target, "from a domain controller of the site that registered the new address");
    }

    [TestMethod]
    public void ForceAdReplication_EverythingConverged_Refused()
    {
        using var lab = TestLab.Create();

        var refused = lab.Refused(LabActions.ForceAdReplication);

        Assert.AreEqual("Active Directory has nothing to replicate that would change anything: every DNS server already answers MBX-1 with 10.1.0.50, and no domain controller is waiting for the MBX-1 computer account.", refused.Message);
    }

    [TestMethod]
    public async Task ForceAdReplication_OnlyAStaleServerLeft_RefusedNamingIt()
    {
        using var lab = TestLab.Create(timeScale: 1);
        lab.Lab.InjectFault(LabFaults.DnsServerStale, new Dictionary<string, string> { ["server"] = "10.1.0.10" });
        await FaultInjectionTests.BringCmsOnlineAtStandby(lab);
        lab.Perform(LabActions.ForceAdReplication);

        var refused = lab.Refused(LabActions.ForceAdReplication);

        StringAssert.Contains(refused.Message, "cannot take the new one: 10.1.0.10 (held stale by the DnsServerStale fault)");
    }

    [TestMethod]
    public async Task ForceAdReplication_ComputerAccountNotReplicatedToTheStandby_RecoverCmsSucceedsOnTheRetry()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ComputerAccountNotReplicated, new Dictionary<string, string> { ["site"] = "standby" });
        await RecoverCmsTests.PrepareStandby(lab);
        var recover = SetupCommand.RecoverCms(TestLab.Cms, ["10.2.0.50"]);
        var first = await lab.Run(lab.Setup.RunAsync("NodeC", recover, lab.Log, default));

        var result = lab.Perform(LabActions.ForceAdReplication);
        var retry = await lab.Run(lab.Setup.RunAsync("NodeC", recover, lab.Log, default));

        StringAssert.Contains(first.Summary, "has not replicated to the desired domain controller");
        StringAssert.Contains(result.Message, "The MBX-1 computer account reached the domain controller of standby.");
        Assert.IsEmpty(lab.Lab.Snapshot().Faults, "the lag the fault stood for is over");
        Assert.IsTrue(retry.Succeeded, retry.Summary);
    }
}
