using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.OperatorActions;

[TestClass]
public sealed class ExchangeUpgradeActionTests
{
    [TestMethod]
    public async Task UpgradeExchangeOnNode_NodeOnAnOlderBuild_RunsSetupToTheCmsBuildAndRetiresTheFault()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.ExchangeVersionMismatch, new Dictionary<string, string> { ["node"] = "NodeC", ["version"] = "8.0.685.24" });

        var result = lab.Perform(LabActions.UpgradeExchangeOnNode, ("node", "NodeC"));
        var installation = await lab.Run(lab.Inspection.GetInstallationAsync("NodeC", lab.Log, default));

        Assert.AreEqual("8.1.240.6", installation.Version);
        Assert.AreEqual("NodeC: setup.com /mode:upgrade", $"{result.Commands.Single().Target}: {result.Commands.Single().CommandLine}");
        StringAssert.Contains(result.Message, "NodeC was upgraded by hand from Exchange 8.0.685.24 to 8.1.240.6");
        Assert.IsEmpty(lab.Lab.Snapshot().Faults, "the build the fault set is gone");
        string log = lab.State(s => s.Node("NodeC")!.SetupLog);
        StringAssert.Contains(log, "Setup will upgrade Exchange from 8.0.685.24 to 8.1.240.6");
        StringAssert.EndsWith(lab.Lab.Snapshot().Site("standby")!.Nodes.Single(n => n.Name == "NodeC").LastSetupLogLine, "End of Setup");
    }

    [TestMethod]
    public void UpgradeExchangeOnNode_PassiveNodeToTheNextServicePack_InstallsThatBuild()
    {
        using var lab = TestLab.Create();

        lab.Perform(LabActions.UpgradeExchangeOnNode, ("node", "NodeB"), ("version", "8.2.176.2"));

        Assert.AreEqual("8.2.176.2", lab.Lab.Snapshot().Site("primary")!.Nodes.Single(n => n.Name == "NodeB").Version);
    }

    [TestMethod]
    [DataRow("NodeC", null, "NodeC already runs Exchange 8.1.240.6; there is nothing to upgrade.")]
    [DataRow("NodeC", "8.0.685.24", "NodeC runs Exchange 8.1.240.6, newer than 8.0.685.24: setup does not downgrade")]
    [DataRow("NodeA", "8.2.176.2", "MBX-1 is online on NodeA, the active node of CLUSTER-PRI: setup does not upgrade the active node.")]
    public void UpgradeExchangeOnNode_NothingToDoOrTheActiveNode_Refused(string node, string? version, string message)
    {
        using var lab = TestLab.Create();

        var refused = version is null
            ? lab.Refused(LabActions.UpgradeExchangeOnNode, ("node", node))
            : lab.Refused(LabActions.UpgradeExchangeOnNode, ("node", node), ("version", version));

        StringAssert.Contains(refused.Message, message);
    }

    [TestMethod]
    public void UpgradeExchangeOnNode_NoExchangeOnTheNode_RefusedPointingAtPrepareStandby()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.PassiveRoleMissing, new Dictionary<string, string> { ["node"] = "NodeD" });

        var refused = lab.Refused(LabActions.UpgradeExchangeOnNode, ("node", "NodeD"));

        StringAssert.Contains(refused.Message, "NodeD has no Exchange installed");
        StringAssert.Contains(refused.Message, "prepare-standby");
    }

    [TestMethod]
    public void UpgradeExchangeOnNode_SiteCutOffWithoutConsole_Refused()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "standby" });

        var refused = lab.Refused(LabActions.UpgradeExchangeOnNode, ("node", "NodeC"), ("version", "8.2.176.2"));

        StringAssert.Contains(refused.Message, "NodeC cannot be reached, not even at its console");
    }

    [TestMethod]
    public void UpgradeExchangeOnNode_SetupFailsInjectedForUpgrade_RefusedWithSetupsError()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.SetupFails, new Dictionary<string, string> { ["node"] = "NodeC", ["command"] = "/mode:upgrade", ["message"] = "Disk full." });

        var refused = lab.Refused(LabActions.UpgradeExchangeOnNode, ("node", "NodeC"), ("version", "8.2.176.2"));

        StringAssert.Contains(refused.Message, "setup.com /mode:upgrade fails on NodeC while the SetupFails fault is injected: Disk full.");
    }
}
