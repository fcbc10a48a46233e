using System.Text.Json.Nodes;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Runbooks;

[TestClass]
public sealed class ActivationTests
{
    [TestMethod]
    public async Task Activation_PrimarySiteDown_CmsRunsAtStandbyAndDnsConverges()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });

        string runId = await lab.StartAsync("activation");
        var run = await lab.RunThroughAsync(runId, "confirmFailure", "isolate", "softRecovery");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault + " waiting at " + string.Join(",", (await lab.PendingGatesAsync(runId)).Select(g => g.ActivityId)) + " | " + string.Join(" | ", (await lab.JournalAsync(runId)).TakeLast(6).Select(r => r.Message)));
        var snapshot = lab.Snapshot();
        var cms = LabRunbooks.CmsGroup(snapshot, "standby");
        Assert.IsNotNull(cms);
        Assert.AreEqual("Online", cms.State);
        Assert.IsTrue(cms.Resources.All(r => r.State == "Online"), string.Join(", ", cms.Resources.Select(r => $"{r.Name}={r.State}")));
        Assert.IsTrue(snapshot.Replication.All(r => r.ReadWriteSites.SequenceEqual(["standby"])));
        Assert.IsTrue(snapshot.Dns.Where(d => d.Reachable).All(d => d.Addresses.SequenceEqual(["10.2.0.50"])), string.Join("; ", snapshot.Dns.Select(d => $"{d.Server}={string.Join(",", d.Addresses)}")));
        var commands = await lab.CommandsAsync(runId);
        CollectionAssert.Contains(commands.ToList(), "setup.com /recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.2.0.50");
        Assert.IsTrue(JournalVerifier.Verify(await lab.JournalAsync(runId)).Valid);
    }

    [TestMethod]
    public async Task Activation_PrimaryCmsStillOnline_StopsBeforeTheStorageFlip()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.PrimaryCmsStillOnline);

        string runId = await lab.StartAsync("activation");
        var run = await lab.RunThroughAsync(runId, "confirmFailure", "isolate");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "Storage was not flipped");
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.ReadWriteSites.SequenceEqual(["primary"])), "the standby must not be made R/W while the CMS answers at the primary");
        Assert.IsFalse((await lab.CommandsAsync(runId)).Any(c => c.Contains("failover", StringComparison.OrdinalIgnoreCase)));
    }

    [TestMethod]
    public async Task Activation_LogPrefixMismatch_IsCaughtBeforeAnyChange()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.LogPrefixMismatch, new Dictionary<string, string> { ["storageGroup"] = "SG2", ["logPrefix"] = "E05" });

        string runId = await lab.StartAsync("activation");
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "log prefix is E05 in AD");
        Assert.AreEqual(0, (await lab.PendingGatesAsync(runId)).Count, "it stopped before even asking to activate");
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.ReadWriteSites.SequenceEqual(["primary"])));
    }

    [TestMethod]
    public async Task Activation_StandbyNodeOnAnotherServicePack_IsCaughtBeforeAnyChange()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        lab.Lab.InjectFault(LabFaults.ExchangeVersionMismatch, new Dictionary<string, string> { ["node"] = "NodeC", ["version"] = "8.0.685.24" });

        string runId = await lab.StartAsync("activation");
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Faulted, run.Status, "waiting at " + string.Join(",", (await lab.PendingGatesAsync(runId)).Select(g => g.ActivityId)));
        StringAssert.Contains(run.Fault, "Not every node runs MBX-1's build in Active Directory, 8.1.240.6: NodeC runs 8.0.685.24.");
        Assert.AreEqual(0, (await lab.PendingGatesAsync(runId)).Count, "it stopped before asking to activate");
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.ReadWriteSites.SequenceEqual(["primary"])), "storage was not flipped for a /recoverCMS that would refuse");
    }

    [TestMethod]
    public async Task Activation_StandbyNodesAgreeButDifferFromTheCmsBuildInAd_StopsBeforeAskingOrFlipping()
    {
        await using var lab = await LabRunbooks.StartAsync();
        foreach (string node in new[] { "NodeC", "NodeD" })
        {
            lab.Lab.Perform(new LabActionRequest(LabActions.UpgradeExchangeOnNode, new Dictionary<string, string> { ["node"] = node, ["version"] = "8.2.176.2" }));
        }

        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });

        string runId = await lab.StartAsync("activation");
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Faulted, run.Status, "waiting at " + string.Join(",", (await lab.PendingGatesAsync(runId)).Select(g => g.ActivityId)));
        StringAssert.Contains(run.Fault, "Not every node runs MBX-1's build in Active Directory, 8.1.240.6: NodeC runs 8.2.176.2; NodeD runs 8.2.176.2.");
        Assert.AreEqual(0, (await lab.PendingGatesAsync(runId)).Count, "nobody was asked to approve an activation /recoverCMS would refuse");
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.ReadWriteSites.SequenceEqual(["primary"])), "storage was not flipped");
        Assert.IsFalse((await lab.CommandsAsync(runId)).Any(c => c.Contains("/recoverCMS", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Activation_CmsNameNotTheConfiguredCms_StopsBeforeAskingOrChangingAnything()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });

        string runId = await lab.StartAsync("activation", new JsonObject { ["cmsName"] = "MBX-9" });
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "The run names CMS 'MBX-9', but this host is configured for 'MBX-1'");
        Assert.AreEqual(0, (await lab.PendingGatesAsync(runId)).Count, "nobody was asked to approve activating MBX-9");
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.ReadWriteSites.SequenceEqual(["primary"])), "storage was not flipped");
    }

    [TestMethod]
    public async Task Activation_StorageGroupAddedAfterPreparation_IsRecoveredFromAd()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.StorageGroupAddedAfterPreparation);
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });

        string runId = await lab.StartAsync("activation");
        var run = await lab.RunThroughAsync(runId, "confirmFailure", "isolate", "softRecovery");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        var snapshot = lab.Snapshot();
        string added = snapshot.Directory.StorageGroups[^1].Name;
        var instance = LabRunbooks.CmsGroup(snapshot, "standby")!.Resources.Single(r => r.Name.StartsWith(added + "/", StringComparison.Ordinal));
        Assert.AreEqual("Online", instance.State);
        Assert.IsTrue(instance.Dependencies.Count > 0, "the later storage group got its disk dependencies too");
    }

    [TestMethod]
    public async Task Activation_RecoverCmsFails_OpensIncidentThatARetryResolvesOnceFixed()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        lab.Lab.InjectFault(LabFaults.ComputerAccountNotReplicated);

        string runId = await lab.StartAsync("activation");
        var run = await lab.RunThroughAsync(runId, "confirmFailure", "isolate");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.IsNull(run.FinishedAt, "the run waits for an operator");
        var incident = (await lab.Runs.GetIncidentsAsync(runId, CancellationToken.None)).Single();
        Assert.AreEqual("recover", incident.ActivityId);
        StringAssert.Contains(incident.Message, "has not replicated");

        lab.Lab.Perform(new LabActionRequest(LabActions.ForceAdReplication));
        await lab.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, "retry", null, "AD replication forced", "olivia", CancellationToken.None);
        await lab.DriveAsync(runId);
        run = await lab.DecideAsync(runId, "softRecovery");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State);
    }

    [TestMethod]
    public async Task Activation_Rejected_ChangesNothing()
    {
        await using var lab = await LabRunbooks.StartAsync();
        string runId = await lab.StartAsync("activation");
        await lab.DriveAsync(runId);

        var run = await lab.DecideAsync(runId, "confirmFailure", "reject");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "not approved");
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!.State);
        Assert.IsFalse((await lab.JournalAsync(runId)).Any(r => r.Kind == JournalKinds.CommandExecuted && r.Data!["commandLine"]!.ToString().Contains("failover", StringComparison.Ordinal)));
    }

    internal static JsonObject Input(params (string Name, string Value)[] values)
    {
        var input = new JsonObject();
        foreach (var (name, value) in values)
        {
            input[name] = value;
        }

        return input;
    }
}
