using System.Text.Json.Nodes;
using RunbookHost.Lab.Faults;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Exchange.Tests.Runbooks;

/// <summary>prepare-standby, clear-local-cms, failback and service-pack-upgrade, each end to end in the lab.</summary>
[TestClass]
public sealed class SiteLifecycleTests
{
    [TestMethod]
    public async Task PrepareStandby_NodesWithoutExchange_InstallsPassiveRoleAndChecksTheStandby()
    {
        await using var lab = await LabRunbooks.StartAsync(("Runbook:Lab:StandbyPassiveRoleInstalled", "false"));
        Assert.IsFalse(lab.Snapshot().Site("standby")!.Nodes.Any(n => n.PassiveClusteredMailbox));

        string runId = await lab.StartAsync("prepare-standby");
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        var standby = lab.Snapshot().Site("standby")!;
        Assert.IsTrue(standby.Nodes.All(n => n.PassiveClusteredMailbox));
        Assert.IsNull(LabRunbooks.CmsGroup(lab.Snapshot(), "standby"), "the standby holds no CMS: the seed's recommended method");
        Assert.AreEqual(2, (await lab.CommandsAsync(runId)).Count(c => c == "setup.com /mode:install /roles:mailbox"));
    }

    [TestMethod]
    public async Task PrepareStandby_ReplicationSuspended_AsksAnOperatorToRestoreIt()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended);

        string runId = await lab.StartAsync("prepare-standby");
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Suspended, run.Status);
        Assert.AreEqual("fixReplication", (await lab.PendingGatesAsync(runId)).Single().ActivityId);
    }

    [TestMethod]
    public async Task PrepareStandby_ReplicationCopiesTowardsTheLiveSite_AsksAnOperatorToFixItNamingTheDirection()
    {
        await using var lab = await LabRunbooks.StartAsync();

        // The CMS is said to be live at the standby site, but storage copies from the primary towards it.
        string runId = await lab.StartAsync("prepare-standby", new JsonObject { ["primarySite"] = "standby", ["standbySite"] = "primary" });
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Suspended, run.Status, run.Fault);
        var gate = (await lab.PendingGatesAsync(runId)).Single();
        Assert.AreEqual("fixReplication", gate.ActivityId);
        var failed = (await lab.JournalAsync(runId)).Single(r => r.ActivityId == "replication" && r.Kind == "CheckFailed");
        StringAssert.Contains(failed.Message, "copies from primary, not from standby");
        // The site named "standby" is the live one here: the operator is told the way replication must run, by the runbook's inputs.
        string instructions = gate.Payload["instructions"]!.ToString();
        StringAssert.Contains(instructions, "so that it copies from the standby site to the primary site");
        Assert.IsFalse(instructions.Contains("replication to the standby", StringComparison.Ordinal), instructions);
        Assert.AreEqual("Replication is not in full sync from the standby site", gate.Payload["title"]!.ToString());

        run = await lab.DecideAsync(runId, "fixReplication");

        StringAssert.Contains(run.Fault, "The standby is not ready: replication is still not in full sync from the standby site after the operator confirmed: RG-MBX1 copies from primary, not from standby");
    }

    [TestMethod]
    public async Task PrepareStandby_ReplicationConfirmedFixedButStillSuspended_StopsInsteadOfSayingPrepared()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended);
        string runId = await lab.StartAsync("prepare-standby");
        await lab.DriveAsync(runId);

        var run = await lab.DecideAsync(runId, "fixReplication");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "replication is still not in full sync from the primary site after the operator confirmed");
        Assert.IsFalse((await lab.JournalAsync(runId)).Any(r => r.Message.Contains("is prepared", StringComparison.Ordinal)), "it did not say the standby is prepared");
    }

    [TestMethod]
    public async Task PrepareStandby_ReplicationRestoredThenConfirmed_IsPrepared()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended);
        string runId = await lab.StartAsync("prepare-standby");
        await lab.DriveAsync(runId);
        lab.Lab.ClearFault(LabFaults.ReplicationSuspended);
        await lab.DriveAsync(runId, TimeSpan.FromHours(2));

        var run = await lab.DecideAsync(runId, "fixReplication");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.IsTrue((await lab.JournalAsync(runId)).Any(r => r.ActivityId == "replicationAgain" && r.Kind == "CheckPassed"), "replication was checked again after the operator confirmed");
    }

    [TestMethod]
    public async Task ActivationClearFailback_FullCycle_CmsBackAtPrimaryReplicatingToStandby()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await ActivateThenReachPrimaryOnConsoleAsync(lab);
        string clear = await lab.StartAsync("clear-local-cms");
        var cleared = await lab.RunThroughAsync(clear, "isolate", "enableAccount");
        Assert.AreEqual(RunStatus.Completed, cleared.Status, cleared.Fault + " | " + string.Join(" | ", (await lab.JournalAsync(clear)).TakeLast(6).Select(r => r.Message)));
        Assert.IsNull(LabRunbooks.CmsGroup(lab.Snapshot(), "primary"), "the CMS group is gone from the old primary");
        StringAssert.Contains(string.Join(";", await lab.CommandsAsync(clear)), "setup.com /clearLocalCMS");

        lab.Lab.ClearFault(LabFaults.SiteIsolated);
        string failback = await lab.StartAsync("failback");
        await lab.DriveAsync(failback, TimeSpan.FromMinutes(5));
        Assert.AreEqual("downtime", (await lab.PendingGatesAsync(failback)).Single().ActivityId);
        var journal = await lab.JournalAsync(failback);
        Assert.IsTrue(journal.Any(r => r.Kind == "CheckPassed" && r.ActivityId == "syncCheck"), "full sync was checked before downtime was asked for");
        Assert.IsTrue(journal.Any(r => r.Kind == JournalKinds.ActivityCompleted && r.ActivityId == "sync" && r.Data!["outcomes"]![0]!.ToString() == "Synced"));
        var run = await lab.DecideAsync(failback, "downtime");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        var snapshot = lab.Snapshot();
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(snapshot, "primary")!.State);
        Assert.IsNull(LabRunbooks.CmsGroup(snapshot, "standby"));
        Assert.IsTrue(snapshot.Replication.All(r => r.ReadWriteSites.SequenceEqual(["primary"]) && r.SourceSite == "primary"));
        Assert.IsTrue(snapshot.Dns.All(d => d.Addresses.SequenceEqual(["10.1.0.50"])));
    }

    [TestMethod]
    public async Task WaitForReplicationSync_ReplicationLags_PollsDurablyUntilItCatchesUp()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync("""
            { "definitionId": "sync-wait", "root": { "id": "flow", "type": "Flowchart", "activities": [
              { "id": "sync", "type": "WaitForReplicationSync" },
              { "id": "done", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "synced" } } } ],
              "connections": [ { "source": { "activity": "sync", "port": "Synced" }, "target": { "activity": "done", "port": "In" } } ] } }
            """);
        lab.Lab.InjectFault(LabFaults.ReplicationLagging);
        string runId = await lab.StartAsync("sync-wait");

        await lab.PollAsync(runId, TimeSpan.FromMinutes(1), times: 30);
        var waiting = (await lab.Runs.GetAsync(runId, CancellationToken.None))!;
        int polls = (await lab.JournalAsync(runId)).Count(r => r.Kind == JournalKinds.BookmarkCreated && r.ActivityId == "sync");
        lab.Lab.ClearFault(LabFaults.ReplicationLagging);
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Suspended, waiting.Status, "it waits while replication lags");
        Assert.IsTrue(polls >= 30, $"it polled on its timer ({polls} polls)");
        Assert.AreEqual(RunStatus.Completed, run.Status);
    }

    [TestMethod]
    public async Task ClearLocalCms_AfterActivation_AsksToReEnableTheCmsComputerAccountThatSetupDisabled()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await ActivateThenReachPrimaryOnConsoleAsync(lab);

        string clear = await lab.StartAsync("clear-local-cms");
        await lab.RunThroughAsync(clear, "isolate");

        var gate = (await lab.PendingGatesAsync(clear)).Single();
        Assert.AreEqual("enableAccount", gate.ActivityId, "the CMS runs at the standby: its computer account must not stay disabled");
        StringAssert.Contains(gate.Payload["instructions"]!.ToString(), "computer account");
        Assert.IsFalse(lab.Snapshot().Directory.ComputerAccountEnabled, "/clearLocalCMS disabled it, as on Windows Server 2008");
        lab.ReEnableCmsComputerAccount();
        var run = await lab.DecideAsync(clear, "enableAccount");
        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
    }

    [TestMethod]
    public async Task ClearLocalCms_SiteNotIsolated_RefusesBeforeRunningSetup()
    {
        await using var lab = await LabRunbooks.StartAsync();
        string runId = await lab.StartAsync("clear-local-cms");

        var run = await lab.RunThroughAsync(runId, "isolate");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "not isolated");
        Assert.IsFalse((await lab.CommandsAsync(runId)).Any(c => c.Contains("clearLocalCMS", StringComparison.Ordinal)));
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!.State);
    }

    [TestMethod]
    [DataRow("NodeA", "NodeB")]
    [DataRow("NodeB", "NodeA")]
    public async Task ServicePackUpgrade_CmsOnEitherNode_UpgradesThePassiveNodeFirstAndMovesTheCmsToIt(string active, string passive)
    {
        const string target = "8.2.176.2";
        await using var lab = await LabRunbooks.StartAsync(("Runbook:Lab:UpgradeVersion", target));
        lab.Lab.Change((state, _) => state.Sites.Single(s => s.Name == "primary").Groups.Single(g => g.Name == "MBX-1").Owner = active);
        string runId = await lab.StartAsync("service-pack-upgrade", ActivationTests.Input(("targetVersion", target)));

        var run = await lab.RunThroughAsync(runId, "window");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        const string Group = "cluster /cluster:CLUSTER-PRI group \"MBX-1\"";
        var steps = (await lab.TargetedCommandsAsync(runId))
            .Where(c => c.CommandLine.StartsWith("setup.com", StringComparison.Ordinal) || c.CommandLine.StartsWith(Group + " /", StringComparison.Ordinal))
            .Select(c => $"{c.Target}: {c.CommandLine}")
            .ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                $"{passive}: setup.com /mode:upgrade",
                $"CLUSTER-PRI: {Group} /offline /wait:600",
                $"CLUSTER-PRI: {Group} /moveto:{passive} /wait:600",
                $"{passive}: setup.com /upgradeCMS",
                $"CLUSTER-PRI: {Group} /online /wait:600",
                $"{active}: setup.com /mode:upgrade",
                "NodeC: setup.com /mode:upgrade",
                "NodeD: setup.com /mode:upgrade",
            },
            steps,
            string.Join("\n", steps));
        var snapshot = lab.Snapshot();
        Assert.IsTrue(snapshot.Sites.SelectMany(s => s.Nodes).All(n => n.Version == target), string.Join(", ", snapshot.Sites.SelectMany(s => s.Nodes).Select(n => $"{n.Name}={n.Version}")));
        Assert.AreEqual(target, snapshot.Directory.CmsVersion);
        var cms = LabRunbooks.CmsGroup(snapshot, "primary")!;
        Assert.AreEqual((passive, "Online"), (cms.Owner, cms.State));
        StringAssert.Contains((await lab.JournalAsync(runId)).Last(r => r.Kind == "Log").Message, $"Every node runs {target}. The CMS runs on {passive}.");
    }

    [TestMethod]
    public async Task ServicePackUpgrade_NodesAlreadyRunTheTargetBuild_LeavesTheCmsOnlineWhereItRuns()
    {
        await using var lab = await LabRunbooks.StartAsync();
        string current = lab.Snapshot().Sites.SelectMany(s => s.Nodes).First().Version!;
        string runId = await lab.StartAsync("service-pack-upgrade", ActivationTests.Input(("targetVersion", current)));

        var run = await lab.RunThroughAsync(runId, "window");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        var commands = await lab.CommandsAsync(runId);
        Assert.IsFalse(commands.Any(c => c.StartsWith("setup.com", StringComparison.Ordinal) || c.Contains("/offline", StringComparison.Ordinal) || c.Contains("/moveto", StringComparison.Ordinal)),
            "nothing to upgrade, so nothing taken offline, moved or set up: " + string.Join(" | ", commands));
        var cms = LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!;
        Assert.AreEqual(("NodeA", "Online"), (cms.Owner, cms.State));
        StringAssert.Contains((await lab.JournalAsync(runId)).Single(r => r.ActivityId == "activeDone" && r.Kind == "Log").Message, $"NodeA, which runs the CMS, already runs {current}");
    }

    [TestMethod]
    public async Task ServicePackUpgrade_NoTargetVersion_IsRefusedAtStart()
    {
        await using var lab = await LabRunbooks.StartAsync();

        var error = await Assert.ThrowsExactlyAsync<RunRequestException>(() => lab.StartAsync("service-pack-upgrade"));

        Assert.AreEqual(new ValidationError("input.targetVersion", "Input 'targetVersion' is required."), error.Errors.Single(), "no default build: the operator names the one on the setup media");
        Assert.AreEqual(0, (await lab.Runs.ListAsync(new RunQuery(null, "service-pack-upgrade", 0, 10), CancellationToken.None)).Total, "no run was started");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("  ")]
    [DataRow("SP2")]
    [DataRow("8.2")]
    public async Task ServicePackUpgrade_TargetVersionIsNoBuild_StopsBeforeAnyChange(string target)
    {
        await using var lab = await LabRunbooks.StartAsync();
        string runId = await lab.StartAsync("service-pack-upgrade", ActivationTests.Input(("targetVersion", target)));

        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual($"Stopped before any change: targetVersion '{target}' is not an Exchange build; give the build the service pack installs, as setup reports it (four numbers, e.g. 8.2.176.2 for Exchange 2007 SP2).", run.Fault);
        Assert.AreEqual(0, (await lab.PendingGatesAsync(runId)).Count, "nobody was asked to approve a window");
        Assert.AreEqual(0, (await lab.CommandsAsync(runId)).Count);
    }

    [TestMethod]
    public async Task ServicePackUpgrade_SetupInstallsAnotherBuildThanTheTarget_StopsBeforeTakingTheCmsOffline()
    {
        // The service pack media installs 8.2.176.2; the operator asked for another build.
        await using var lab = await LabRunbooks.StartAsync(("Runbook:Lab:UpgradeVersion", "8.2.176.2"));
        string runId = await lab.StartAsync("service-pack-upgrade", ActivationTests.Input(("targetVersion", "8.3.83.6")));

        var run = await lab.RunThroughAsync(runId, "window");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "The CMS was not touched: it still runs on NodeA.");
        StringAssert.Contains(run.Fault, "Not every node runs 8.3.83.6: NodeB runs 8.2.176.2.");
        var commands = await lab.CommandsAsync(runId);
        Assert.IsFalse(commands.Any(c => c.Contains("/offline", StringComparison.Ordinal) || c.Contains("/moveto", StringComparison.Ordinal) || c.Contains("upgradeCMS", StringComparison.Ordinal)), string.Join(" | ", commands));
        Assert.AreEqual(("NodeA", "Online"), (LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!.Owner, LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!.State));
    }

    [TestMethod]
    public async Task ServicePackUpgrade_CmsNotOnlineAtTheActiveSite_StopsBeforeAnyChange()
    {
        const string target = "8.2.176.2";
        await using var lab = await LabRunbooks.StartAsync(("Runbook:Lab:UpgradeVersion", target));
        // After an activation the CMS runs at the standby; the old primary's group is still there, on R/O disks and a name in use.
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        string activation = await lab.StartAsync("activation");
        Assert.AreEqual(RunStatus.Completed, (await lab.RunThroughAsync(activation, "confirmFailure", "isolate", "softRecovery")).Status);
        lab.Lab.ClearFault(LabFaults.SiteIsolated);
        var before = LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!;
        Assert.AreEqual("Partially Online", before.State, "the cluster brought up what it could: the IP address, not the R/O disks nor the name in use");

        string runId = await lab.StartAsync("service-pack-upgrade", ActivationTests.Input(("targetVersion", target)));
        var run = await lab.RunThroughAsync(runId, "window");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual(0, (await lab.Runs.GetIncidentsAsync(runId, CancellationToken.None)).Count, "a stop, not an incident half-way");
        StringAssert.Contains(run.Fault, "Nothing was changed: the CMS group at the primary site is PartiallyOnline on NodeA, not Online");
        var commands = await lab.CommandsAsync(runId);
        Assert.IsFalse(commands.Any(c => c.StartsWith("setup.com", StringComparison.Ordinal) || c.Contains("/moveto", StringComparison.Ordinal) || c.Contains("/offline", StringComparison.Ordinal) || c.Contains("/online", StringComparison.Ordinal)),
            "nothing was upgraded, moved or brought online at the site where the CMS does not run: " + string.Join(" | ", commands));
        var primary = LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!;
        Assert.AreEqual((before.Owner, before.State), (primary.Owner, primary.State));
        Assert.IsTrue(lab.Snapshot().Site("primary")!.Nodes.All(n => n.Version != target && n.SetupWatermark is null));
    }

    [TestMethod]
    public async Task ServicePackUpgrade_ActiveSiteHasNoCmsGroup_StopsNamingTheGroupAndSiteInsteadOfAnIncident()
    {
        const string target = "8.2.176.2";
        await using var lab = await LabRunbooks.StartAsync(("Runbook:Lab:UpgradeVersion", target));
        Assert.IsNull(LabRunbooks.CmsGroup(lab.Snapshot(), "standby"), "the standby holds no CMS group: passive-role nodes only");

        // The operator names the standby as the site where the CMS runs.
        string runId = await lab.StartAsync("service-pack-upgrade", ActivationTests.Input(("activeSite", "standby"), ("standbySite", "primary"), ("targetVersion", target)));
        var run = await lab.RunThroughAsync(runId, "window");

        var incidents = await lab.Runs.GetIncidentsAsync(runId, CancellationToken.None);
        Assert.AreEqual(0, incidents.Count, "a stop, not an incident a retry cannot fix: " + string.Join(" | ", incidents.Select(i => i.Message)));
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.IsNotNull(run.FinishedAt);
        StringAssert.Contains(run.Fault, "Nothing was changed: the cluster of the standby site has no group MBX-1, so the CMS does not run there.");
        var commands = await lab.CommandsAsync(runId);
        Assert.IsFalse(commands.Any(c => c.StartsWith("setup.com", StringComparison.Ordinal) || c.Contains("/moveto", StringComparison.Ordinal) || c.Contains("/offline", StringComparison.Ordinal)), string.Join(" | ", commands));
        Assert.AreEqual(("NodeA", "Online"), (LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!.Owner, LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!.State));
    }

    /// <summary>The primary site fails and the standby is activated; then the old nodes come back, isolated but reachable on the console.</summary>
    private static async Task ActivateThenReachPrimaryOnConsoleAsync(LabRunbooks lab)
    {
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        string activation = await lab.StartAsync("activation");
        Assert.AreEqual(RunStatus.Completed, (await lab.RunThroughAsync(activation, "confirmFailure", "isolate", "softRecovery")).Status);
        lab.Lab.ClearFault(LabFaults.SiteIsolated);
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary", ["consoleAccess"] = "true" });
    }
}
