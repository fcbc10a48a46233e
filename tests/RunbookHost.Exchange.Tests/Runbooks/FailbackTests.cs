using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Storage;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
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
    [DataRow("partitioned", "RG-MBX1 is Partitioned, R/W at standby")]
    [DataRow("failedOver", "RG-MBX1 is FailedOver, R/W at primary")]
    [DataRow("split", "RG-MBX1 is Split, R/W at standby and primary")]
    [DataRow("reversed", "RG-MBX1 replicates from primary (Synchronized), not from standby: the copy at primary would overwrite the current data at standby.")]
    public async Task Failback_ReplicationChangedByHandInTheDowntimeWindow_StopsBeforeTakingTheCmsOffline(string change, string found)
    {
        await using var lab = await LabRunbooks.StartAsync();
        string failback = await FailbackAtTheDowntimeWindowAsync(lab);

        // Between the sync check and the window the link goes down, or an administrator fails the pair over, splits or
        // reverses it on the array: the final sync could not bring the primary's copy up to date however long it waited.
        ChangeReplication(lab, change);
        string cmsBefore = LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State; // R/O disks leave it partially online
        var started = lab.Time.GetUtcNow();
        var run = await lab.DecideAsync(failback, "downtime");

        var incidents = await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None);
        Assert.AreEqual(0, incidents.Count, string.Join(" | ", incidents.Select(i => i.ActivityId + ": " + i.Message)));
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.StartsWith(run.Fault, "Failback stopped before the CMS was taken offline: ");
        StringAssert.Contains(run.Fault, found, "the message says what was found on the array");
        StringAssert.Contains(run.Fault, "The runbook did not take the CMS offline at the standby site");
        Assert.IsTrue(lab.Time.GetUtcNow() - started < TimeSpan.FromMinutes(10), $"it did not wait for the final sync: {lab.Time.GetUtcNow() - started}");
        var commands = await lab.CommandsAsync(failback);
        Assert.IsFalse(commands.Any(c => c.Contains("/offline", StringComparison.Ordinal) || c.Contains("clearLocalCMS", StringComparison.Ordinal)), "the CMS was never taken offline: " + string.Join(" | ", commands));
        Assert.IsFalse((await lab.JournalAsync(failback)).Any(r => r.ActivityId is "offline" or "finalSync"));
        Assert.AreNotEqual("Offline", cmsBefore);
        Assert.AreEqual(cmsBefore, LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State, "the run left the CMS as it was");
    }

    [TestMethod]
    [DataRow("partitioned", "RG-MBX1 is Partitioned, R/W at standby, with 0 invalid tracks: it copies nothing")]
    [DataRow("split", "RG-MBX1 is Split, R/W at standby and primary, with 0 invalid tracks: it copies nothing")]
    public async Task Failback_ReplicationStopsCopyingDuringTheFinalSync_BringsTheCmsBackAtTheStandbyAtOnceAndSaysWhatItFound(string change, string found)
    {
        await using var lab = await LabRunbooks.StartAsync();
        string failback = await FailbackInTheFinalSyncAsync(lab);

        ChangeReplication(lab, change);
        var changedAt = lab.Time.GetUtcNow();
        var run = await lab.DriveAsync(failback);

        var incidents = await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None);
        Assert.AreEqual(0, incidents.Count, "no incident holds the CMS offline: " + string.Join(" | ", incidents.Select(i => i.ActivityId + ": " + i.Message)));
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.StartsWith(run.Fault, "Failback stopped before anything changed at the primary site: with the CMS offline, the final sync found that replication cannot reach full sync: ");
        StringAssert.Contains(run.Fault, found, "the message says what was found on the array");
        StringAssert.Contains(run.Fault, "The CMS was brought back online at the standby site");
        Assert.IsTrue(lab.Time.GetUtcNow() - changedAt < TimeSpan.FromMinutes(10), $"it did not wait out the hour: {lab.Time.GetUtcNow() - changedAt}");
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State, "the CMS is back online where it ran");
        Assert.IsFalse((await lab.CommandsAsync(failback)).Any(c => c.Contains("clearLocalCMS", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("reversed", "RG-MBX1 replicates from primary (Synchronized), not from standby: the copy at primary would overwrite the current data at standby.")]
    [DataRow("failedOver", "RG-MBX1 is FailedOver, R/W at primary, with 0 invalid tracks: it copies nothing")]
    public async Task Failback_StorageFailedOverToThePrimaryDuringTheFinalSync_AsksForTheStandbyBackThenBringsTheCmsBackAndSaysWhatItFound(string change, string found)
    {
        await using var lab = await LabRunbooks.StartAsync();
        string failback = await FailbackInTheFinalSyncAsync(lab);

        // Someone fails the pair over to the primary on the array: the standby's disks are R/O, the CMS cannot come back there.
        ChangeReplication(lab, change);
        var changedAt = lab.Time.GetUtcNow();
        var waiting = await lab.DriveAsync(failback);

        var incidents = await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None);
        Assert.AreEqual(0, incidents.Count, "no incident: " + string.Join(" | ", incidents.Select(i => i.ActivityId + ": " + i.Message)));
        Assert.AreEqual(RunStatus.Suspended, waiting.Status);
        Assert.IsTrue(lab.Time.GetUtcNow() - changedAt < TimeSpan.FromMinutes(10), $"it did not wait out the hour: {lab.Time.GetUtcNow() - changedAt}");
        var gate = (await lab.PendingGatesAsync(failback)).Single();
        Assert.AreEqual("restoreStandby", gate.ActivityId);
        string instructions = gate.Payload!["instructions"]!.ToString();
        StringAssert.Contains(instructions, found, "the step says what the final sync found");
        StringAssert.Contains(instructions, "The disks of the standby site are no longer R/W (RG-MBX1 R/W at primary)");
        Assert.IsFalse((await lab.CommandsAsync(failback)).Any(c => c.Contains("/online", StringComparison.Ordinal)), "nothing tried to bring the CMS online on R/O disks");

        // The storage team makes the standby R/W again and the operator confirms.
        lab.Lab.Change((state, now) => state.Replication.ForEach(g => StorageRules.Failover(state, now, g.Name, "standby")));
        var run = await lab.DecideAsync(failback, "restoreStandby");

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual(0, (await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None)).Count);
        StringAssert.StartsWith(run.Fault, "Failback stopped before anything changed at the primary site: with the CMS offline, the final sync found that replication cannot reach full sync: ");
        StringAssert.Contains(run.Fault, found);
        StringAssert.Contains(run.Fault, "The CMS was brought back online at the standby site");
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State);
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
    [DataRow("TimedOut", "did not reach full sync, so the primary copy may be stale")]
    [DataRow("CannotSync", "the final sync was skipped by an operator")]
    public async Task Failback_ArrayStopsAnsweringInTheFinalSync_OperatorGivesUpTheFinalSync_CmsBackAtTheStandbyAndTheRunSaysWhy(string outcome, string why)
    {
        var array = new ArrayThatStopsAnswering();
        await using var lab = await LabRunbooks.StartAsync(array.Register);

        // While the final sync copies the last changes, the array's CLI stops answering: the final sync cannot tell,
        // and asks a person.
        string failback = await FailbackInTheFinalSyncAsync(lab);
        array.Answering = false;
        await lab.DriveAsync(failback);
        var incident = (await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None)).Single();
        Assert.AreEqual("finalSync", incident.ActivityId);
        StringAssert.Contains(incident.Message, "does not answer");

        // Rather than keep the CMS down, the operator gives up the final sync, so that the CMS comes back at the standby.
        await lab.Runtime.ResolveIncidentAsync(failback, incident.IncidentId, "skip", outcome, "array down; back to the standby", "olivia", CancellationToken.None);
        var run = await lab.DriveAsync(failback);

        var incidents = await lab.Runs.GetIncidentsAsync(failback, CancellationToken.None);
        Assert.AreEqual(1, incidents.Count, string.Join(" | ", incidents.Select(i => $"{i.ActivityId}: {i.Message}")));
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.StartsWith(run.Fault, "Failback stopped before anything changed at the primary site");
        StringAssert.Contains(run.Fault, why);
        Assert.IsFalse(run.Fault!.Contains("null", StringComparison.Ordinal) || run.Fault.Contains("undefined", StringComparison.Ordinal), run.Fault);
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

    /// <summary>What the link, or an administrator at the array, does to every replication group.</summary>
    private static void ChangeReplication(LabRunbooks lab, string change)
    {
        switch (change)
        {
            case "partitioned":
                lab.Lab.InjectFault(LabFaults.ReplicationPartitioned);
                break;
            case "failedOver": // symrdf failover to the primary, nothing re-established
                lab.Lab.Change((state, now) => state.Replication.ForEach(g => StorageRules.Failover(state, now, g.Name, "primary")));
                break;
            case "split": // symrdf split: both sides R/W, nothing copies
                lab.Lab.Change((state, _) => state.Replication.ForEach(g => (g.State, g.ReadWriteSites) = (ReplicationState.Split, ["standby", "primary"])));
                break;
            case "reversed": // failed over to the primary and the pair reversed: the primary copies over the standby
                lab.Lab.Change((state, now) =>
                {
                    state.Replication.ForEach(g => StorageRules.Failover(state, now, g.Name, "primary"));
                    state.Replication.ForEach(g => StorageRules.Reverse(state, now, g.Name));
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    /// <summary>
    /// Failback up to its final sync, waiting with the CMS offline at the standby: asynchronous replication lags behind,
    /// so the final sync has the last changes to copy (and copies them once the lag is cleared).
    /// </summary>
    private static async Task<string> FailbackInTheFinalSyncAsync(LabRunbooks lab)
    {
        string failback = await FailbackAtTheDowntimeWindowAsync(lab);
        lab.Lab.InjectFault(LabFaults.ReplicationLagging);
        var gate = (await lab.PendingGatesAsync(failback)).Single();
        Assert.AreEqual(SignalResult.Accepted, await lab.Runtime.ResumeAsync(gate.BookmarkId, new JsonObject { ["decision"] = "approve", ["comment"] = "test" }, "amir", CancellationToken.None));
        await lab.PollAsync(failback, TimeSpan.FromMinutes(1), times: 3);
        Assert.AreEqual("Offline", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State, "the final sync waits with the CMS offline");
        Assert.IsTrue((await lab.JournalAsync(failback)).Any(r => r.Kind == JournalKinds.BookmarkCreated && r.ActivityId == "finalSync"));
        lab.Lab.ClearFault(LabFaults.ReplicationLagging);
        return failback;
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

    /// <summary>The lab's array, whose CLI stops answering when told to (a management host or SAN link down).</summary>
    private sealed class ArrayThatStopsAnswering
    {
        public volatile bool Answering = true;

        public void Register(IServiceCollection services)
        {
            var lab = services.Last(d => d.ServiceType == typeof(IStorageReplication));
            services.AddSingleton<IStorageReplication>(sp => new Port(this, (IStorageReplication)ActivatorUtilities.CreateInstance(sp, lab.ImplementationType!)));
        }

        private sealed class Port(ArrayThatStopsAnswering array, IStorageReplication inner) : IStorageReplication
        {
            public Task<ReplicationStatus> QueryAsync(string group, ICommandLog log, CancellationToken cancellationToken) =>
                array.Answering ? inner.QueryAsync(group, log, cancellationToken) : throw new PortException($"The storage array does not answer for {group}: connection timed out.");

            public Task SyncOnceAsync(string group, ICommandLog log, CancellationToken cancellationToken) => inner.SyncOnceAsync(group, log, cancellationToken);

            public Task FailoverAsync(string group, string site, ICommandLog log, CancellationToken cancellationToken) => inner.FailoverAsync(group, site, log, cancellationToken);

            public Task ReverseAsync(string group, ICommandLog log, CancellationToken cancellationToken) => inner.ReverseAsync(group, log, cancellationToken);

            public Task RestoreAsync(string group, ICommandLog log, CancellationToken cancellationToken) => inner.RestoreAsync(group, log, cancellationToken);
        }
    }
}
