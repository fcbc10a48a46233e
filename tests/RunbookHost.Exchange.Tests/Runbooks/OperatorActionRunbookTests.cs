using System.Text.Json.Nodes;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Runbooks;

/// <summary>
/// Rehearsals in the lab where what a manual step asks for is done with the lab's operator actions,
/// e.g. clear-local-cms: its last step asks to re-enable the CMS computer account that /clearLocalCMS
/// disabled, so that the CMS running at the standby can come online again after a restart.
/// </summary>
[TestClass]
public sealed class OperatorActionRunbookTests
{
    /// <summary>What a restart of the standby CMS on its other node runs: offline, move to NodeD, online.</summary>
    private const string RestartAtStandby = """
        { "definitionId": "restart-standby-cms", "root": { "id": "flow", "type": "Flowchart", "activities": [
          { "id": "offline", "type": "TakeGroupOffline", "site": { "typeName": "String", "expression": { "type": "Literal", "value": "standby" } } },
          { "id": "move", "type": "MoveGroupToNode",
            "site": { "typeName": "String", "expression": { "type": "Literal", "value": "standby" } },
            "node": { "typeName": "String", "expression": { "type": "Literal", "value": "NodeD" } } },
          { "id": "online", "type": "BringGroupOnline", "site": { "typeName": "String", "expression": { "type": "Literal", "value": "standby" } } } ],
          "connections": [
            { "source": { "activity": "offline", "port": "Done" }, "target": { "activity": "move", "port": "In" } },
            { "source": { "activity": "move", "port": "Done" }, "target": { "activity": "online", "port": "In" } } ] } }
        """;

    [TestMethod]
    public async Task ClearLocalCms_OperatorReEnablesTheAccountInTheLabAtTheManualStep_StandbyCmsComesOnlineOnItsOtherNode()
    {
        var (runbooks, clear) = await ClearedOldPrimaryWaitingAtEnableAccountAsync();
        await using var lab = runbooks;

        var action = lab.Lab.Perform(new LabActionRequest(LabActions.EnableCmsComputerAccount));
        var cleared = await lab.DecideAsync(clear, "enableAccount");
        string restart = await lab.StartAsync("restart-standby-cms");
        var run = await lab.DriveAsync(restart);

        StringAssert.Contains(action.Message, "enabled again");
        Assert.AreEqual(RunStatus.Completed, cleared.Status, cleared.Fault);
        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault + " | " + string.Join(" | ", (await lab.JournalAsync(restart)).TakeLast(4).Select(r => r.Message)));
        var snapshot = lab.Snapshot();
        var cms = LabRunbooks.CmsGroup(snapshot, "standby")!;
        Assert.AreEqual(("NodeD", "Online"), (cms.Owner, cms.State));
        Assert.IsTrue(snapshot.Databases.All(d => d.MountedAt == "standby"), string.Join(", ", snapshot.Databases.Select(d => $"{d.Name}@{d.MountedAt}")));
        Assert.IsNull(LabRunbooks.CmsGroup(snapshot, "primary"), "the old primary stays cleared");
    }

    [TestMethod]
    public async Task ClearLocalCms_ManualStepConfirmedWithoutTheAction_RestartFailsOnTheNetworkNameUntilTheAccountIsReEnabled()
    {
        var (runbooks, clear) = await ClearedOldPrimaryWaitingAtEnableAccountAsync();
        await using var lab = runbooks;
        await lab.DecideAsync(clear, "enableAccount");
        string restart = await lab.StartAsync("restart-standby-cms");

        var stuck = await lab.DriveAsync(restart);
        var incident = (await lab.Runs.GetIncidentsAsync(restart, CancellationToken.None)).Single();
        string? why = LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.Resources.Single(r => r.Name == "Network Name (MBX-1)").FailureReason;
        lab.Lab.Perform(new LabActionRequest(LabActions.EnableCmsComputerAccount));
        await lab.Runtime.ResolveIncidentAsync(restart, incident.IncidentId, "retry", null, "computer account re-enabled", "olivia", CancellationToken.None);
        var run = await lab.DriveAsync(restart);

        Assert.AreEqual(RunStatus.Faulted, stuck.Status);
        Assert.AreEqual("online", incident.ActivityId);
        StringAssert.Contains(incident.Message, "'Network Name (MBX-1)' is Failed");
        StringAssert.Contains(why, "The computer account 'MBX-1' is disabled in Active Directory");
        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.AreEqual("Online", LabRunbooks.CmsGroup(lab.Snapshot(), "standby")!.State);
    }

    [TestMethod]
    public async Task PrepareStandby_ReplicationSuspendedRestoredWithTheOperatorAction_IsPreparedAfterTheResync()
    {
        await using var lab = await LabRunbooks.StartAsync();
        lab.Lab.InjectFault(LabFaults.ReplicationSuspended);
        string runId = await lab.StartAsync("prepare-standby");
        await lab.DriveAsync(runId);

        lab.Lab.Perform(new LabActionRequest(LabActions.RestoreReplication));
        var run = await lab.DecideAsync(runId, "fixReplication");

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        Assert.IsTrue((await lab.JournalAsync(runId)).Any(r => r.ActivityId == "replicationAgain" && r.Kind == "CheckPassed"));
    }

    [TestMethod]
    public async Task ActionCatalog_ManualSteps_AreManualStepsOfTheShippedWorkflows()
    {
        await using var lab = await LabRunbooks.StartAsync();
        var manualSteps = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.GetFiles(Path.Combine(LabRunbooks.RepositoryRoot(), "workflows"), "*.json"))
        {
            var definition = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            foreach (var activity in definition["root"]!["activities"]!.AsArray().Where(a => a!["type"]!.ToString() == "ManualStep"))
            {
                manualSteps.Add($"{definition["definitionId"]}/{activity!["id"]}");
            }
        }

        var listed = lab.Lab.ActionCatalog.SelectMany(a => a.ManualSteps.Select(step => (a.Name, Step: step))).ToList();

        Assert.IsEmpty(listed.Where(l => !manualSteps.Contains(l.Step)).Select(l => $"{l.Name}: {l.Step}").ToList(), "an action names a manual step no shipped workflow has");
        Assert.Contains("clear-local-cms/enableAccount", listed.Select(l => l.Step).ToList());
    }

    /// <summary>Activation of the standby; the old primary back on its console only; clear-local-cms run there up to its last manual step.</summary>
    private static async Task<(LabRunbooks Lab, string ClearRunId)> ClearedOldPrimaryWaitingAtEnableAccountAsync()
    {
        var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(RestartAtStandby);
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        string activation = await lab.StartAsync("activation");
        Assert.AreEqual(RunStatus.Completed, (await lab.RunThroughAsync(activation, "confirmFailure", "isolate", "softRecovery")).Status);
        lab.Lab.ClearFault(LabFaults.SiteIsolated);
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary", ["consoleAccess"] = "true" });

        string clear = await lab.StartAsync("clear-local-cms");
        await lab.RunThroughAsync(clear, "isolate");
        Assert.AreEqual("enableAccount", (await lab.PendingGatesAsync(clear)).Single().ActivityId);
        Assert.IsFalse(lab.Snapshot().Directory.ComputerAccountEnabled, "/clearLocalCMS disabled it, as on Windows Server 2008");
        return (lab, clear);
    }
}
