using System.Text.Json.Nodes;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Descriptors;

[TestClass]
public sealed class OutcomeTests
{
    [TestMethod]
    public void GetOutcomes_ForkWithLiteralList_ReturnsBranchNames()
    {
        var fork = Def.Node("fork", "Fork", ("branches", Def.Lit(new JsonArray("Storage", "Dns", "Cluster"))));

        var outcomes = Registry.Instance.Get("Fork").GetOutcomes(fork);

        CollectionAssert.AreEqual(new[] { "Storage", "Dns", "Cluster" }, outcomes.ToArray());
    }

    [TestMethod]
    public void GetOutcomes_ForkWithCommaText_ReturnsTrimmedBranchNames()
    {
        var fork = Def.Node("fork", "Fork", ("branches", Def.Lit("Storage, Dns")));

        var outcomes = Registry.Instance.Get("Fork").GetOutcomes(fork);

        CollectionAssert.AreEqual(new[] { "Storage", "Dns" }, outcomes.ToArray());
    }

    [TestMethod]
    public void GetOutcomes_ForkWithoutBranches_ReturnsDefaultBranches()
    {
        var outcomes = Registry.Instance.Get("Fork").GetOutcomes(Def.Node("fork", "Fork"));

        CollectionAssert.AreEqual(new[] { "Branch 1", "Branch 2" }, outcomes.ToArray());
    }

    [TestMethod]
    public void GetOutcomes_SwitchWithLiteralCases_ReturnsLabelsThenDefault()
    {
        var cases = new JsonArray(
            new JsonObject { ["label"] = "primary", ["condition"] = "input.targetSite === 'primary'" },
            new JsonObject { ["label"] = "dr", ["condition"] = "input.targetSite === 'dr'" });

        var outcomes = Registry.Instance.Get("Switch").GetOutcomes(Def.Node("route", "Switch", ("cases", Def.Lit(cases))));

        CollectionAssert.AreEqual(new[] { "primary", "dr", "Default" }, outcomes.ToArray());
    }

    [TestMethod]
    public void GetOutcomes_SwitchWithJavaScriptCases_ReturnsDefaultOnly()
    {
        var outcomes = Registry.Instance.Get("Switch").GetOutcomes(Def.Node("route", "Switch", ("cases", Def.Js("[]"))));

        CollectionAssert.AreEqual(new[] { "Default" }, outcomes.ToArray());
    }

    [TestMethod]
    public void GetOutcomes_Decision_ReturnsTrueFalse()
    {
        var outcomes = Registry.Instance.Get("Decision").GetOutcomes(Def.Node("force", "Decision"));

        CollectionAssert.AreEqual(new[] { "True", "False" }, outcomes.ToArray());
    }
}
