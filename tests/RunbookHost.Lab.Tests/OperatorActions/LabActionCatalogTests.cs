using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.OperatorActions;

[TestClass]
public sealed class LabActionCatalogTests
{
    [TestMethod]
    public void ActionCatalog_Always_DescribesEveryActionWithTheManualStepsThatAskForIt()
    {
        using var lab = TestLab.Create();

        var catalog = lab.Lab.ActionCatalog;

        var names = typeof(LabActions).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        CollectionAssert.AreEquivalent(names, catalog.Select(d => d.Name).ToList());
        Assert.IsTrue(catalog.All(d => d.Description.Length > 40 && d.ManualSteps.Count > 0 && d.ManualSteps.All(s => s.Contains('/', StringComparison.Ordinal))));
        var node = catalog.Single(d => d.Name == LabActions.UpgradeExchangeOnNode).Parameters.Single(p => p.Name == "node");
        Assert.IsTrue(node.Required);
        CollectionAssert.AreEqual(new[] { "NodeA", "NodeB", "NodeC", "NodeD" }, node.Choices!.ToArray());
        Assert.AreEqual("8.1.240.6", catalog.Single(d => d.Name == LabActions.UpgradeExchangeOnNode).Parameters.Single(p => p.Name == "version").DefaultValue, "the CMS's build in AD");
    }

    [TestMethod]
    public void Perform_UnknownAction_ThrowsNamingTheKnownActions()
    {
        using var lab = TestLab.Create();

        var error = Assert.ThrowsExactly<LabActionException>(() => lab.Perform("SacrificeAGoat"));

        StringAssert.Contains(error.Message, "There is no lab action 'SacrificeAGoat'");
        StringAssert.Contains(error.Message, LabActions.EnableCmsComputerAccount);
        Assert.IsNull(error.Parameter);
    }

    [TestMethod]
    [DataRow(LabActions.EnableCmsComputerAccount, "site", "primary", "has no parameter 'site' (it has none)")]
    [DataRow(LabActions.RestoreReplication, "group", "RG-NOPE", "there is no group 'RG-NOPE' in the lab (one of RG-MBX1, *)")]
    [DataRow(LabActions.UpgradeExchangeOnNode, "node", "NodeZ", "there is no node 'NodeZ' in the lab (one of NodeA, NodeB, NodeC, NodeD)")]
    [DataRow(LabActions.UpgradeExchangeOnNode, "node", "", "'node' is required (one of NodeA, NodeB, NodeC, NodeD)")]
    [DataRow(LabActions.RestoreMissingLogs, "database", "DB9", "there is no database 'DB9' in the lab (one of DB1, DB2, *)")]
    [DataRow(LabActions.RunSoftRecovery, "colour", "red", "has no parameter 'colour' (it has database)")]
    public void Perform_ParameterNamingNothingInTheLab_ThrowsNamingItAndNothingChanges(string action, string parameter, string value, string message)
    {
        using var lab = TestLab.Create();
        long revision = lab.Lab.Snapshot().Revision;

        var error = Assert.ThrowsExactly<LabActionException>(() => lab.Perform(action, (parameter, value)));

        StringAssert.Contains(error.Message, message);
        Assert.AreEqual(parameter, error.Parameter, "the error names the parameter");
        Assert.AreEqual(revision, lab.Lab.Snapshot().Revision);
    }

    [TestMethod]
    [DataRow("8.1")]
    [DataRow("SP2")]
    [DataRow("8.1.240.6; format c:")]
    public void Perform_UpgradeToSomethingThatIsNoBuild_ThrowsNamingVersion(string version)
    {
        using var lab = TestLab.Create();

        var error = Assert.ThrowsExactly<LabActionException>(() => lab.Perform(LabActions.UpgradeExchangeOnNode, ("node", "NodeC"), ("version", version)));

        Assert.AreEqual("version", error.Parameter);
        StringAssert.Contains(error.Message, $"not '{version}'");
        Assert.AreEqual("8.1.240.6", lab.Lab.Snapshot().Site("standby")!.Nodes.Single(n => n.Name == "NodeC").Version);
    }
}
