using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Tests.Support;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Tests.Validation;

[TestClass]
public sealed class DefinitionValidatorDefinitionTests
{
    [TestMethod]
    public void Validate_RootNotFlowchart_NamesRootType()
    {
        var definition = Build.Definition(Def.Log("root"));

        var error = Validator.ErrorAt(definition, "root");

        Assert.Contains("must be a Flowchart, not 'Log'", error.Message);
    }

    [TestMethod]
    [DataRow("../etc")]
    [DataRow("")]
    [DataRow("site activation")]
    [DataRow("-leading-dash")]
    [DataRow("a/b")]
    public void Validate_BadDefinitionId_ReportsDefinitionId(string definitionId)
    {
        var definition = Def.Sequence(definitionId, Def.Log("a"));

        var error = Validator.ErrorAt(definition, "definitionId");

        Assert.Contains("letters, digits", error.Message);
    }

    [TestMethod]
    public void Validate_DefinitionIdOf101Characters_ReportsDefinitionId()
    {
        var definition = Def.Sequence(new string('a', 101), Def.Log("a"));

        Validator.ErrorAt(definition, "definitionId");
    }

    [TestMethod]
    [DataRow("site-activation")]
    [DataRow("clear_local.cms-2")]
    public void Validate_GoodDefinitionId_NoError(string definitionId)
    {
        var definition = Def.Sequence(definitionId, Def.Log("a"));

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_NestingOneLevelDeeperThanMaxDepth_ReportsInnermostActivity()
    {
        var definition = Build.Nested(DefinitionValidator.MaxDepth);
        string path = "root/" + string.Join("/", Enumerable.Range(1, DefinitionValidator.MaxDepth).Select(i => $"f{i}")) + "/leaf";

        var error = Validator.ErrorAt(definition, path);

        Assert.Contains($"more than {DefinitionValidator.MaxDepth} levels deep", error.Message);
    }

    [TestMethod]
    public void Validate_NestingExactlyMaxDepth_NoError()
    {
        var definition = Build.Nested(DefinitionValidator.MaxDepth - 1);

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_WorkflowInputNamedTwice_ReportsSecondInput()
    {
        var definition = Def.Flow("wf", [Def.Log("a")], [], new WorkflowInput { Name = "site" }, new WorkflowInput { Name = "site" });

        var error = Validator.ErrorAt(definition, "inputs[1].name");

        Assert.Contains("'site'", error.Message);
    }

    [TestMethod]
    public void Validate_RunbookUsingEveryFlowActivity_NoErrors()
    {
        var definition = Build.Definition(
            Build.Flowchart(
                "root",
                [
                    Def.Node("preflight", "Log", ("message", Build.Of(Expression.Input("targetSite")))),
                    Build.ForEach("each", Def.Node("check", "Log", ("message", Def.Js("`checking ${variables.currentValue}`"))), ["EXCH01", "EXCH02"]),
                    Def.Node("force", "Decision", ("condition", Def.Js("input.force === true"))),
                    Def.Node("gate", "Approval", ("title", Def.Lit("Activate DR")), ("allowedRoles", Def.Lit(new JsonArray("approver"))), ("expiresAfter", Def.Lit("PT4H"))),
                    Def.Node("abort", "Fail", ("message", Def.Lit("Rejected"))),
                    Def.Node("fork", "Fork", ("branches", Def.Lit(new JsonArray("Storage", "Dns")))),
                    Def.Node("flip", "SetVariable", ("variable", Def.Lit("flipped")), ("value", Def.Lit(true))),
                    Def.Node("dns", "Delay", ("duration", Def.Lit("00:05:00"))),
                    Def.Node("merge", "Join", ("mode", Def.Lit("WaitAll"))),
                    Def.Node("route", "Switch", ("cases", Def.Lit(new JsonArray(new JsonObject { ["label"] = "dr", ["condition"] = "input.targetSite === 'dr'" })))),
                    Def.Log("done"),
                ],
                [
                    Def.Link("preflight", "each"),
                    Def.Link("each", "force"),
                    Def.Link("force", "fork", "True"),
                    Def.Link("force", "gate", "False"),
                    Def.Link("gate", "fork", "Approved"),
                    Def.Link("gate", "abort", "Rejected"),
                    Def.Link("gate", "abort", "Expired"),
                    Def.Link("fork", "flip", "Storage"),
                    Def.Link("fork", "dns", "Dns"),
                    Def.Link("flip", "merge"),
                    Def.Link("dns", "merge"),
                    Def.Link("merge", "route"),
                    Def.Link("route", "done", "dr"),
                    Def.Link("route", "done", "Default"),
                ]),
            inputs: [new WorkflowInput { Name = "targetSite", Required = true }, new WorkflowInput { Name = "force", TypeName = "Boolean", DefaultValue = false }],
            variables: [new WorkflowVariable { Name = "flipped", TypeName = "Boolean", Value = false }]);

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public async Task Validate_RoundTripScenario_NoErrors()
    {
        await using var engine = new Engine();
        var definition = WorkflowJson.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Scenarios", "roundtrip.json")));

        var result = engine.Definitions.Validate(definition);

        Assert.AreEqual("(none)", Validator.Describe(result.Errors));
    }
}
