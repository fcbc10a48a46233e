using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Storage;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Runbooks;

/// <summary>The failback runbook's guards: what it must see at the primary and on the array before it takes the CMS down.</summary>
[TestClass]
public sealed class FailbackTests
{
    [TestMethod]
    public async Task Failback_ClearLocalCmsDidNotFinishAtThePrimary_StopsBeforeAskingForDowntime()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await ActivateAsync(lab);
        // clear-local-cms took the old group offline, then setup failed and the operator gave up on it.
        IsolateWithConsole(lab);
        lab.Lab.InjectFault(LabFaults.SetupFails, new Dictionary<string, string> { ["command"] = "clearLocalCMS" });
        string clear = await lab.StartAsync("clear-local-cms");
        await lab.RunThroughAsync(clear, "isolate");
        var incident = (await lab.Runs.GetIncidentsAsync(clear, CancellationToken.None)).Single();
        await lab.Runtime.ResolveIncidentAsync(clear, incident.IncidentId, "abort", null, "setup failed", "olivia", CancellationToken.None);
        lab.Lab.ClearFault(LabFaults.SetupFails);
        lab.Lab.ClearFault(LabFaults.SiteIsolated);
        Assert.AreEqual("Offline", LabRunbooks.CmsGroup(lab.Snapshot(), "primary")!.State, "the old CMS group is still there, offline");

        string failback = await lab.StartAsync("failback");
        var run = await lab.DriveAsync(failback, TimeSpan.FromMinutes(5));

        Assert.AreEqual(RunStatus.Faulted, run.Status, "waiting at " + string.Join(",", (await lab.PendingGatesAsync(failback)).Select(g => g.ActivityId)));
        StringAssert.Contains(run.Fault, "clear-local-cms");
        Assert.AreEqual(0, (await lab.CommandsAsync(failback)).Count(c => c.Contains("swap", StringComparison.Ordinal) || c.Contains("clearLocalCMS", StringComparison.Ordinal)));
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State);
    }

    [TestMethod]
    public async Task Failback_ReplicationDropsDuringTheDowntimeWindow_DoesNotFlipAndBringsTheCmsBackAtTheStandby()
    {
        await using var lab = await LabRunbooks.StartAsync();
        string failback = await FailbackAtTheDowntimeWindowAsync(lab);

        // Between the sync check and the window the link goes down: the primary's copy falls behind.
        lab.Lab.InjectFault(LabFaults.ReplicationPartitioned);
        var run = await lab.DecideAsync(failback, "downtime");

        var incidents = await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None);
        Assert.IsNotNull(run.Fault, string.Join(" | ", incidents.Select(i => i.ActivityId + ": " + i.Message)) + " | " + string.Join(" | ", await lab.CommandsAsync(failback)));
        StringAssert.Contains(run.Fault, "full sync");
        StringAssert.Contains(run.Fault, "RG-MBX1 Partitioned", "the message names the group and its state");
        var snapshot = lab.Snapshot();
        Assert.IsTrue(snapshot.Replication.All(r => r.ReadWriteSites.SequenceEqual(["standby"])), "the stale primary copy must not be made R/W: " + string.Join("; ", snapshot.Replication.Select(r => string.Join(",", r.ReadWriteSites))));
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(snapshot, "standby")!.State, "the CMS is back online where it ran");
        Assert.IsFalse((await lab.CommandsAsync(failback)).Any(c => c.Contains("clearLocalCMS", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Failback_CmsNameStillAnswersWithTheCmsOffline_KeepsTheStandbyCmsAndBringsItBackOnceTheNameIsFree()
    {
        await using var lab = await LabRunbooks.StartAsync();
        string failback = await FailbackAtTheDowntimeWindowAsync(lab);

        // Another machine answers as the CMS: recovering the CMS at the primary would duplicate its name.
        lab.Lab.InjectFault(LabFaults.CmsNameAnswersElsewhere, new Dictionary<string, string> { ["what"] = "name" });
        await lab.DecideAsync(failback, "downtime");

        // Nothing is cleared or flipped; bringing the CMS back at the standby fails on the same duplicate name.
        var commands = await lab.CommandsAsync(failback);
        Assert.IsFalse(commands.Any(c => c.Contains("clearLocalCMS", StringComparison.Ordinal)), "the standby's CMS must not be cleared: " + string.Join(" | ", commands));
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.ReadWriteSites.SequenceEqual(["standby"])), "storage was not flipped");
        var incident = (await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None)).Single();
        Assert.AreEqual("nameBackOnline", incident.ActivityId);
        StringAssert.Contains(incident.Message, "'Network Name (MBX-1)' is Failed");

        // The operator finds the impostor and retries: the CMS comes back where it ran and the run says why it stopped.
        lab.Lab.ClearFault(LabFaults.CmsNameAnswersElsewhere);
        await lab.Runtime.ResolveIncidentAsync(failback, incident.IncidentId, "retry", null, "impostor switched off", "olivia", CancellationToken.None);
        var run = await lab.DriveAsync(failback);

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "MBX-1 answers");
        StringAssert.Contains(run.Fault, "brought back online at the standby site");
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State, "the CMS is back online where it ran");
        Assert.IsFalse((await lab.CommandsAsync(failback)).Any(c => c.Contains("clearLocalCMS", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Failback_ReplicationCopiesFromThePrimary_StopsBeforeAskingForDowntime()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await ActivateAsync(lab);
        await ClearPrimaryAsync(lab);
        // Someone failed the storage back on the array by hand (symrdf failback): the old primary's copy is R/W
        // again and resyncs over the standby's, which holds the mail received since the activation.
        lab.Lab.Change((state, now) => state.Replication.ForEach(g => StorageRules.Failover(state, now, g.Name, "primary")));
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.SourceSite == "primary" && r.ReadWriteSites.SequenceEqual(["primary"])));

        string failback = await lab.StartAsync("failback");
        var run = await lab.DriveAsync(failback, TimeSpan.FromMinutes(5));

        Assert.AreEqual(RunStatus.Faulted, run.Status, "waiting at " + string.Join(",", (await lab.PendingGatesAsync(failback)).Select(g => g.ActivityId)));
        var incident = (await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None)).Single();
        Assert.AreEqual("sync", incident.ActivityId);
        StringAssert.Contains(incident.Message, "RG-MBX1 replicates from primary (");
        StringAssert.Contains(incident.Message, "), not from standby: the copy at primary would overwrite the current data at standby.");
        var journal = await lab.JournalAsync(failback);
        Assert.IsFalse(journal.Any(r => r.ActivityId is "downtime" or "syncCheck"), "it stopped before the sync check and the downtime approval");
        var commands = await lab.CommandsAsync(failback);
        Assert.IsFalse(commands.Any(c => c.Contains("clearLocalCMS", StringComparison.Ordinal) || c.Contains("failover", StringComparison.Ordinal) || c.Contains("failback", StringComparison.Ordinal) || c.Contains("swap", StringComparison.Ordinal)),
            "nothing was cleared, flipped or reversed: " + string.Join(" | ", commands));
    }

    [TestMethod]
    public async Task Failback_ReplicationReversedByHandInTheWindow_OperatorGivesUpTheFinalSync_CmsBackAtTheStandbyAndTheRunSaysWhy()
    {
        await using var lab = await LabRunbooks.StartAsync();
        string failback = await FailbackAtTheDowntimeWindowAsync(lab);

        // In the window someone reverses the storage by hand: the primary copies towards the standby.
        lab.Lab.Change((state, now) =>
        {
            state.Replication.ForEach(g => StorageRules.Failover(state, now, g.Name, "primary"));
            state.Replication.ForEach(g => StorageRules.Reverse(state, now, g.Name));
        });
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.SourceSite == "primary" && r.ReadWriteSites.SequenceEqual(["primary"])));
        await lab.DecideAsync(failback, "downtime");
        var incident = (await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None)).Single();
        Assert.AreEqual("finalSync", incident.ActivityId);
        StringAssert.Contains(incident.Message, "not from standby");

        // The storage team puts the standby's copy back as the source; rather than wait hours for the resync with the
        // CMS down, the operator gives up the final sync as timed out, so that the CMS comes back at the standby.
        lab.Lab.Change((state, now) =>
        {
            state.Replication.ForEach(g => StorageRules.Failover(state, now, g.Name, "standby"));
            state.Replication.ForEach(g => StorageRules.Reverse(state, now, g.Name));
        });
        Assert.IsTrue(lab.Snapshot().Replication.All(r => r.SourceSite == "standby" && r.ReadWriteSites.SequenceEqual(["standby"])));
        await lab.Runtime.ResolveIncidentAsync(failback, incident.IncidentId, "skip", "TimedOut", "resync takes hours; back to the standby", "olivia", CancellationToken.None);
        var run = await lab.DriveAsync(failback);

        var incidents = await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None);
        Assert.AreEqual(1, incidents.Count, string.Join(" | ", incidents.Select(i => $"{i.ActivityId}: {i.Message}")));
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "Failback stopped before anything changed at the primary site");
        StringAssert.Contains(run.Fault, "The CMS was brought back online at the standby site");
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State);
    }

    [TestMethod]
    public async Task Failback_StandbySiteIsNoConfiguredSite_StopsBeforeReversingReplication()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await ActivateAsync(lab);
        await ClearPrimaryAsync(lab);
        var replication = lab.Snapshot().Replication.Select(r => (r.Group, r.SourceSite, r.TargetSite, string.Join(",", r.ReadWriteSites))).ToList();

        string failback = await lab.StartAsync("failback", ActivationTests.Input(("standbySite", "dr")));
        var run = await lab.DriveAsync(failback, TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, (await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None)).Count, "a stop at the start, not an incident at the first use of the site");
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual("Stopped before any change: Input 'standbySite' names site 'dr', which is not configured (the sites are primary, standby).", run.Fault);
        Assert.AreEqual(0, (await lab.CommandsAsync(failback)).Count, "nothing was run, replication was not reversed");
        CollectionAssert.AreEqual(replication, lab.Snapshot().Replication.Select(r => (r.Group, r.SourceSite, r.TargetSite, string.Join(",", r.ReadWriteSites))).ToList(), "replication is as it was");
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State);
    }

    /// <summary>Activation, clear-local-cms at the old primary, then failback up to its downtime approval.</summary>
    private static async Task<string> FailbackAtTheDowntimeWindowAsync(LabRunbooks lab)
    {
        await ActivateAsync(lab);
        await ClearPrimaryAsync(lab);
        string failback = await lab.StartAsync("failback");
        await lab.DriveAsync(failback, TimeSpan.FromMinutes(5));
        Assert.AreEqual("downtime", (await lab.PendingGatesAsync(failback)).Single().ActivityId);
        return failback;
    }

    private static async Task ActivateAsync(LabRunbooks lab)
    {
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        string activation = await lab.StartAsync("activation");
        var run = await lab.RunThroughAsync(activation, "confirmFailure", "isolate", "softRecovery");
        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
    }

    /// <summary>The old primary's nodes come back isolated, reachable on the console only.</summary>
    private static void IsolateWithConsole(LabRunbooks lab)
    {
        lab.Lab.ClearFault(LabFaults.SiteIsolated);
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary", ["consoleAccess"] = "true" });
    }

    private static async Task ClearPrimaryAsync(LabRunbooks lab)
    {
        IsolateWithConsole(lab);
        string clear = await lab.StartAsync("clear-local-cms");
        await lab.RunThroughAsync(clear, "isolate");
        lab.ReEnableCmsComputerAccount();
        var run = await lab.DecideAsync(clear, "enableAccount");
        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        lab.Lab.ClearFault(LabFaults.SiteIsolated);
    }
}
