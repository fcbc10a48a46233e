using RunbookHost.Exchange.Tests.Runbooks;
using RunbookHost.Lab.Faults;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Activities;

/// <summary>
/// ReplicationInFullSync and WaitForReplicationSync told which site replication must copy from, in the lab, whose
/// replication group copies from the primary in full sync until a fault changes it.
/// </summary>
[TestClass]
public sealed class ReplicationDirectionTests
{
    [TestMethod]
    public async Task ReplicationInFullSync_CopiesFromTheNamedSite_Passes()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow("primary"));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-check"));

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.IsTrue((await lab.JournalAsync(run.RunId)).Any(r => r.Kind == "CheckPassed" && r.ActivityId == "check"));
    }

    [TestMethod]
    public async Task ReplicationInFullSync_CopiesFromTheOtherSite_FailsNamingGroupAndDirections()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow("standby"));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-check"));

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains(run.Fault, "Check failed: RG-MBX1 copies from primary, not from standby: the copy at primary would overwrite the current data at standby.");
        var failed = (await lab.JournalAsync(run.RunId)).Single(r => r.Kind == "CheckFailed");
        Assert.AreEqual("RG-MBX1: Synchronized, 0 invalid tracks, from primary", failed.Data!["checked"]![0]!.ToString(), "what was checked is listed as before");
    }

    [TestMethod]
    public async Task ReplicationInFullSync_NoSiteNamed_PassesInFullSync()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow(null));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-check"));

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
    }

    [TestMethod]
    public async Task ReplicationInFullSync_UnknownSite_FaultsWithTheTopologysSites()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow("dr"));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-check"));

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        var incident = (await lab.Runs.GetIncidentsAsync(run.RunId, CancellationToken.None)).Single();
        Assert.AreEqual("check", incident.ActivityId);
        StringAssert.Contains(incident.Message, "There is no site 'dr' (sites: primary, standby).");
    }

    [TestMethod]
    public async Task WaitForReplicationSync_CopiesFromTheNamedSite_Synced()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(WaitFlow("primary"));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-wait"));

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
    }

    [TestMethod]
    public async Task WaitForReplicationSync_CopiesFromTheOtherSite_FaultsAtOnceInsteadOfWaiting()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(WaitFlow("standby"));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-wait"));

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        var incident = (await lab.Runs.GetIncidentsAsync(run.RunId, CancellationToken.None)).Single();
        Assert.AreEqual("sync", incident.ActivityId);
        StringAssert.Contains(incident.Message, "RG-MBX1 replicates from primary (Synchronized), not from standby: the copy at primary would overwrite the current data at standby.");
        StringAssert.Contains(incident.Message, "Reverse the replication (or fix it on the array) so that it copies from standby, then retry.");
        Assert.AreEqual(0, await PollsAsync(lab, run.RunId), "it did not wait");
    }

    [TestMethod]
    public async Task WaitForReplicationSync_NoSiteNamed_Synced()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(WaitFlow(null));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-wait"));

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
    }

    [TestMethod]
    public async Task WaitForReplicationSync_SuspendedThenResyncedFromTheOtherSite_WaitsThenFaultsOnceItCopiesAgain()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(WaitFlow("standby"));
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended);
        string runId = await lab.StartAsync("sync-wait");

        await lab.PollAsync(runId, TimeSpan.FromMinutes(1), times: 5);
        var suspended = (await lab.Runs.GetAsync(runId, CancellationToken.None))!;
        int polls = await PollsAsync(lab, runId);
        lab.Lab.ClearFault(LabFaults.ReplicationSuspended); // resumes: the resync copies from the primary
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Suspended, suspended.Status, "a pair that copies nothing is waited on");
        Assert.IsTrue(polls >= 5, $"it polled while suspended ({polls} polls)");
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        string message = (await lab.Runs.GetIncidentsAsync(runId, CancellationToken.None)).Single().Message;
        StringAssert.Contains(message, "RG-MBX1 replicates from primary (");
        StringAssert.Contains(message, "), not from standby: the copy at primary would overwrite the current data at standby.");
    }

    [TestMethod]
    public async Task WaitForReplicationSync_UnknownSite_FaultsWithTheTopologysSites()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(WaitFlow("dr"));

        var run = await lab.DriveAsync(await lab.StartAsync("sync-wait"));

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        StringAssert.Contains((await lab.Runs.GetIncidentsAsync(run.RunId, CancellationToken.None)).Single().Message, "There is no site 'dr' (sites: primary, standby).");
        Assert.AreEqual(0, (await lab.CommandsAsync(run.RunId)).Count, "it asked the array nothing");
    }

    [TestMethod]
    public async Task ReplicationInFullSync_AllowCatchUp_LaggingFromTheNamedSitePassesAndSuspendedFails()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow("primary", allowCatchUp: true));
        lab.Lab.InjectFault(LabFaults.ReplicationLagging);

        var lagging = await lab.DriveAsync(await lab.StartAsync("sync-check"));
        lab.Lab.ClearFault(LabFaults.ReplicationLagging);
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended);
        var suspended = await lab.DriveAsync(await lab.StartAsync("sync-check"));

        Assert.AreEqual(RunStatus.Completed, lagging.Status, "still copying its last tracks from the right site: " + lagging.Fault);
        Assert.AreEqual(RunStatus.Faulted, suspended.Status);
        Assert.AreEqual("Check failed: RG-MBX1 is Suspended, R/W at primary, with 25000 invalid tracks: it copies nothing, so no wait brings it to full sync until replication is re-established on the array.", suspended.Fault);
    }

    [TestMethod]
    [DataRow("standby", "RG-MBX1 replicates from primary (Synchronized), not from standby: the copy at primary would overwrite the current data at standby.")]
    [DataRow("suspended", "RG-MBX1 is Suspended, R/W at primary, with 25000 invalid tracks: it copies nothing, so no wait brings it to full sync until replication is re-established on the array.")]
    public async Task WaitForReplicationSync_EndIfCannotSync_EndsAtOnceOnCannotSyncWithWhatItFound(string what, string reason)
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(WaitFlow(what == "standby" ? "standby" : "primary", endIfCannotSync: true));
        if (what == "suspended")
        {
            lab.Lab.InjectFault(LabFaults.ReplicationSuspended);
        }

        var run = await lab.DriveAsync(await lab.StartAsync("sync-wait"));

        Assert.AreEqual(0, (await lab.Runs.GetIncidentsAsync(run.RunId, CancellationToken.None)).Count);
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual("Cannot sync: " + reason, run.Fault);
        Assert.AreEqual(0, await PollsAsync(lab, run.RunId), "it did not wait");
    }

    [TestMethod]
    public async Task WaitForReplicationSync_EndIfCannotSync_LaggingFromTheNamedSiteIsWaitedOn()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(WaitFlow("primary", endIfCannotSync: true));
        lab.Lab.InjectFault(LabFaults.ReplicationLagging);
        string runId = await lab.StartAsync("sync-wait");

        await lab.PollAsync(runId, TimeSpan.FromMinutes(1), times: 3);
        lab.Lab.ClearFault(LabFaults.ReplicationLagging);
        var run = await lab.DriveAsync(runId);

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.IsTrue(await PollsAsync(lab, runId) >= 3);
    }

    private static async Task<int> PollsAsync(LabRunbooks lab, string runId) =>
        (await lab.JournalAsync(runId)).Count(r => r.Kind == JournalKinds.BookmarkCreated && r.ActivityId == "sync");

    private static string FromInput(string? from) =>
        from is null ? string.Empty : $$""", "from": { "typeName": "String", "expression": { "type": "Literal", "value": "{{from}}" } }""";

    private static string FlagInput(string name, bool on) =>
        on ? $$""", "{{name}}": { "typeName": "Boolean", "expression": { "type": "Literal", "value": true } }""" : string.Empty;

    private static string CheckFlow(string? from, bool allowCatchUp = false) => $$"""
        { "definitionId": "sync-check", "root": { "id": "flow", "type": "Flowchart", "activities": [
          { "id": "check", "type": "ReplicationInFullSync"{{FromInput(from)}}{{FlagInput("allowCatchUp", allowCatchUp)}} },
          { "id": "passed", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "in full sync" } } },
          { "id": "failed", "type": "Fail", "message": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'Check failed: ' + outputs.check.reason" } } } ],
          "connections": [
            { "source": { "activity": "check", "port": "Passed" }, "target": { "activity": "passed", "port": "In" } },
            { "source": { "activity": "check", "port": "Failed" }, "target": { "activity": "failed", "port": "In" } } ] } }
        """;

    private static string WaitFlow(string? from, bool endIfCannotSync = false) => $$"""
        { "definitionId": "sync-wait", "root": { "id": "flow", "type": "Flowchart", "activities": [
          { "id": "sync", "type": "WaitForReplicationSync"{{FromInput(from)}}{{FlagInput("endIfCannotSync", endIfCannotSync)}} },
          { "id": "done", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "synced" } } },
          { "id": "stuck", "type": "Fail", "message": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'Cannot sync: ' + outputs.sync.reason" } } } ],
          "connections": [
            { "source": { "activity": "sync", "port": "Synced" }, "target": { "activity": "done", "port": "In" } },
            { "source": { "activity": "sync", "port": "CannotSync" }, "target": { "activity": "stuck", "port": "In" } } ] } }
        """;
}
