using RunbookHost.Exchange.Tests.Runbooks;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Activities;

/// <summary>
/// ExchangeVersionsMatch in the lab, whose nodes and CMS (MBX-1 in AD) all run 8.1.240.6 until a node is
/// upgraded by hand: given cmsBuildOf, the nodes checked must run the CMS's build in AD, as /recoverCMS requires.
/// </summary>
[TestClass]
public sealed class ExchangeVersionsMatchTests
{
    [TestMethod]
    public async Task ExchangeVersionsMatch_StandbyNodesOnTheCmsBuildInAd_Passes()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow(cmsBuildOf: "MBX-1"));

        var run = await lab.DriveAsync(await lab.StartAsync("versions-check"));

        Assert.AreEqual(RunStatus.Completed, run.Status, run.Fault);
        var passed = (await lab.JournalAsync(run.RunId)).Single(r => r.Kind == "CheckPassed");
        CollectionAssert.AreEqual(
            new[] { "MBX-1 in Active Directory: 8.1.240.6", "NodeC: 8.1.240.6", "NodeD: 8.1.240.6" },
            passed.Data!["checked"]!.AsArray().Select(c => c!.ToString()).ToArray());
        CollectionAssert.Contains((await lab.CommandsAsync(run.RunId)).ToList(), "Get-ExchangeServer -Identity MBX-1 | Format-List AdminDisplayVersion");
    }

    [TestMethod]
    public async Task ExchangeVersionsMatch_StandbyNodesAgreeButDifferFromAd_FailsNamingEachNodeAndTheAdBuild()
    {
        await using var lab = await LabRunbooks.StartAsync();
        UpgradeStandbyNodesTo(lab, "8.2.176.2");
        await lab.ImportAsync(CheckFlow(cmsBuildOf: "MBX-1"));

        var run = await lab.DriveAsync(await lab.StartAsync("versions-check"));

        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual("Check failed: Not every node runs MBX-1's build in Active Directory, 8.1.240.6: NodeC runs 8.2.176.2; NodeD runs 8.2.176.2.", run.Fault);
    }

    [TestMethod]
    public async Task ExchangeVersionsMatch_StandbyNodesAgreeAndNoCmsNamed_PassesAsBefore()
    {
        await using var lab = await LabRunbooks.StartAsync();
        UpgradeStandbyNodesTo(lab, "8.2.176.2");
        await lab.ImportAsync(CheckFlow(cmsBuildOf: null));

        var run = await lab.DriveAsync(await lab.StartAsync("versions-check"));

        Assert.AreEqual(RunStatus.Completed, run.Status, "nodes that agree pass when no AD build is required: " + run.Fault);
        Assert.IsFalse((await lab.CommandsAsync(run.RunId)).Any(c => c.Contains("Get-ExchangeServer", StringComparison.Ordinal)), "AD was not asked");
    }

    [TestMethod]
    public async Task ExchangeVersionsMatch_BuildNamed_StillRequiresThatBuild()
    {
        await using var lab = await LabRunbooks.StartAsync();
        UpgradeStandbyNodesTo(lab, "8.2.176.2");
        await lab.ImportAsync(CheckFlow(cmsBuildOf: null, build: "8.1.240.6"));

        var run = await lab.DriveAsync(await lab.StartAsync("versions-check"));

        Assert.AreEqual("Check failed: Not every node runs 8.1.240.6: NodeC runs 8.2.176.2; NodeD runs 8.2.176.2.", run.Fault);
    }

    [TestMethod]
    public async Task ExchangeVersionsMatch_BuildNamedIsNotTheAdBuild_FailsNamingBoth()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow(cmsBuildOf: "MBX-1", build: "8.2.176.2"));

        var run = await lab.DriveAsync(await lab.StartAsync("versions-check"));

        Assert.AreEqual("Check failed: The build required, 8.2.176.2, is not MBX-1's build in Active Directory, 8.1.240.6.", run.Fault);
    }

    [TestMethod]
    public async Task ExchangeVersionsMatch_CmsNotInAd_Fails()
    {
        await using var lab = await LabRunbooks.StartAsync();
        await lab.ImportAsync(CheckFlow(cmsBuildOf: "MBX-9"));

        var run = await lab.DriveAsync(await lab.StartAsync("versions-check"));

        Assert.AreEqual("Check failed: Active Directory has no clustered mailbox server 'MBX-9', so there is no build the nodes must run.", run.Fault);
    }

    private static void UpgradeStandbyNodesTo(LabRunbooks lab, string build)
    {
        foreach (string node in new[] { "NodeC", "NodeD" })
        {
            lab.Lab.Perform(new LabActionRequest(LabActions.UpgradeExchangeOnNode, new Dictionary<string, string> { ["node"] = node, ["version"] = build }));
        }
    }

    private static string Literal(string name, string? value) =>
        value is null ? string.Empty : $$""", "{{name}}": { "typeName": "String", "expression": { "type": "Literal", "value": "{{value}}" } }""";

    private static string CheckFlow(string? cmsBuildOf, string? build = null) => $$"""
        { "definitionId": "versions-check", "root": { "id": "flow", "type": "Flowchart", "activities": [
          { "id": "check", "type": "ExchangeVersionsMatch", "sites": { "typeName": "String[]", "expression": { "type": "Literal", "value": ["standby"] } }{{Literal("cmsBuildOf", cmsBuildOf)}}{{Literal("build", build)}} },
          { "id": "passed", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "same build" } } },
          { "id": "failed", "type": "Fail", "message": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'Check failed: ' + outputs.check.reason" } } } ],
          "connections": [
            { "source": { "activity": "check", "port": "Passed" }, "target": { "activity": "passed", "port": "In" } },
            { "source": { "activity": "check", "port": "Failed" }, "target": { "activity": "failed", "port": "In" } } ] } }
        """;
}
