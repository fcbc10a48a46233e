using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Validation;

[TestClass]
public sealed class DefinitionValidatorInputTests
{
    [TestMethod]
    public void Validate_UnknownActivityType_NamesActivityAndType()
    {
        var definition = Def.Sequence("wf", Def.Log("a"), Def.Node("b", "Exchange.Teleport"));

        var error = Validator.ErrorAt(definition, "root/b");

        Validator.AssertNames(error, "b", "unknown type 'Exchange.Teleport'");
    }

    [TestMethod]
    public void Validate_MissingRequiredInput_NamesActivityAndInput()
    {
        var definition = Build.Single(Def.Node("gate", "Approval"));

        var error = Validator.ErrorAt(definition, "root/gate.title");

        Validator.AssertNames(error, "gate", "'title' is required");
    }

    [TestMethod]
    public void Validate_RequiredInputWithNullLiteral_NamesActivityAndInput()
    {
        var definition = Build.Single(Def.Node("say", "Log", ("message", Def.Lit(null))));

        var error = Validator.ErrorAt(definition, "root/say.message");

        Validator.AssertNames(error, "say", "'message' is required");
    }

    [TestMethod]
    public void Validate_RequiredTextInputLeftBlank_NamesActivityAndInput()
    {
        var definition = Build.Single(Def.Node("step", "ManualStep", ("title", Def.Lit("Move the DNS record")), ("instructions", Def.Lit("  "))));

        var error = Validator.ErrorAt(definition, "root/step.instructions");

        Validator.AssertNames(error, "step", "'instructions' is required");
    }

    [TestMethod]
    [DataRow("count", "Int32")]
    [DataRow("force", "Boolean")]
    [DataRow("wait", "TimeSpan")]
    public void Validate_TextLiteralForTypedInput_NamesActivityInputAndType(string input, string typeName)
    {
        var definition = Build.Single(Def.Node("t", "Test.Typed", (input, Def.Lit("abc"))));

        var error = Validator.ErrorAt(definition, $"root/t.{input}");

        Validator.AssertNames(error, "t", $"'{input}' must be a {typeName}");
        Assert.Contains("\"abc\"", error.Message);
    }

    [TestMethod]
    [DataRow("Decision", "condition", "Boolean")]
    [DataRow("Delay", "duration", "TimeSpan")]
    public void Validate_TextLiteralForBuiltInTypedInput_NamesActivityInputAndType(string type, string input, string typeName)
    {
        var definition = Build.Single(Def.Node("x", type, (input, Def.Lit("abc"))));

        var error = Validator.ErrorAt(definition, $"root/x.{input}");

        Validator.AssertNames(error, "x", $"'{input}' must be a {typeName}");
    }

    [TestMethod]
    [DataRow("count", "1.5")]
    [DataRow("count", "3000000000")]
    [DataRow("count", "true")]
    [DataRow("force", "1")]
    [DataRow("force", "\"yes\"")]
    [DataRow("wait", "\"5 minutes\"")]
    [DataRow("wait", "[1]")]
    public void Validate_LiteralNotConvertible_Rejected(string input, string json)
    {
        var definition = Build.Single(Def.Node("t", "Test.Typed", (input, Def.Lit(JsonNode.Parse(json)))));

        var error = Validator.ErrorAt(definition, $"root/t.{input}");

        Validator.AssertNames(error, "t", $"'{input}' must be a");
    }

    [TestMethod]
    [DataRow("count", "3")]
    [DataRow("count", "\"3\"")]
    [DataRow("force", "true")]
    [DataRow("force", "\"False\"")]
    [DataRow("wait", "\"00:05:00\"")]
    [DataRow("wait", "\"PT5M\"")]
    [DataRow("wait", "300")]
    public void Validate_LiteralConvertible_NoError(string input, string json)
    {
        var definition = Build.Single(Def.Node("t", "Test.Typed", (input, Def.Lit(JsonNode.Parse(json)))));

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_SecondsLiteralBuiltInCode_NoError()
    {
        var definition = Build.Single(Def.Node("wait", "Delay", ("duration", Def.Lit(300))));

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_JoinModeOutsideOptions_NamesActivityInputAndOptions()
    {
        var definition = Build.Single(Def.Node("merge", "Join", ("mode", Def.Lit("Sometimes"))));

        var error = Validator.ErrorAt(definition, "root/merge.mode");

        Validator.AssertNames(error, "merge", "'mode'");
        Assert.Contains("WaitAll, WaitAny", error.Message);
        Assert.Contains("Sometimes", error.Message);
    }

    [TestMethod]
    public void Validate_JoinModeInOtherCase_NoError()
    {
        var definition = Build.Single(Def.Node("merge", "Join", ("mode", Def.Lit("waitany"))));

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_UnknownInputName_NamesActivityAndInput()
    {
        var definition = Build.Single(Def.Node("say", "Log", ("message", Def.Lit("hi")), ("colour", Def.Lit("red"))));

        var error = Validator.ErrorAt(definition, "root/say.colour");

        Validator.AssertNames(error, "say", "has no input 'colour'");
    }

    [TestMethod]
    public void Validate_UnknownExpressionType_NamesActivityInputAndType()
    {
        var definition = Build.Single(Def.Node("say", "Log", ("message", Build.Of(new Expression("Python", JsonValue.Create("print(1)"))))));

        var error = Validator.ErrorAt(definition, "root/say.message");

        Validator.AssertNames(error, "say", "unknown expression type 'Python'");
    }

    [TestMethod]
    public void Validate_JavaScriptInputThatDoesNotParse_NamesActivityAndInput()
    {
        var definition = Build.Single(Def.Node("force", "Decision", ("condition", Def.Js("input.force ==="))));

        var error = Validator.ErrorAt(definition, "root/force.condition");

        Validator.AssertNames(error, "force", "JavaScript of input 'condition' does not parse");
    }

    [TestMethod]
    public void Validate_SwitchCaseConditionThatDoesNotParse_ReportsCaseCondition()
    {
        var definition = Build.Single(SwitchWithBrokenSecondCase());

        var error = Validator.ErrorAt(definition, "root/route.cases[1].condition");

        Assert.Contains("does not parse", error.Message);
    }

    [TestMethod]
    public void Validate_SwitchCaseConditionThatDoesNotParse_MessageNamesActivityAndCase()
    {
        var definition = Build.Single(SwitchWithBrokenSecondCase());

        var error = Validator.ErrorAt(definition, "root/route.cases[1].condition");

        Validator.AssertNames(error, "route", "'dr'");
    }

    [TestMethod]
    public void Validate_VariableExpressionNamingUndeclaredVariable_NamesActivityInputAndVariable()
    {
        var definition = Build.Single(
            Def.Node("say", "Log", ("message", Build.Of(Expression.Variable("attemps")))),
            variables: [new WorkflowVariable { Name = "attempts", Value = 0 }]);

        var error = Validator.ErrorAt(definition, "root/say.message");

        Validator.AssertNames(error, "say", "'message' refers to undeclared variable 'attemps'");
    }

    [TestMethod]
    public void Validate_VariableExpressionNamingDeclaredVariable_NoError()
    {
        var definition = Build.Single(
            Def.Node("say", "Log", ("message", Build.Of(Expression.Variable("attempts")))),
            variables: [new WorkflowVariable { Name = "attempts", Value = 0 }]);

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_LoopVariableOutsideForEach_NamesActivityAndVariable()
    {
        var definition = Build.Single(Def.Node("say", "Log", ("message", Build.Of(Expression.Variable("currentValue")))));

        var error = Validator.ErrorAt(definition, "root/say.message");

        Validator.AssertNames(error, "say", "undeclared variable 'currentValue'");
    }

    [TestMethod]
    public void Validate_LoopVariableInsideForEachBody_NoError()
    {
        var body = Def.Node("say", "Log", ("message", Build.Of(Expression.Variable("currentValue"))));
        var definition = Build.Single(Build.ForEach("each", body, ["EXCH01", "EXCH02"]));

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    [TestMethod]
    public void Validate_InputExpressionNamingUndeclaredWorkflowInput_NamesActivityInputAndName()
    {
        var definition = Build.Single(
            Def.Node("say", "Log", ("message", Build.Of(Expression.Input("site")))),
            inputs: [new WorkflowInput { Name = "targetSite" }]);

        var error = Validator.ErrorAt(definition, "root/say.message");

        Validator.AssertNames(error, "say", "'message' refers to undeclared workflow input 'site'");
    }

    [TestMethod]
    public void Validate_InputExpressionNamingDeclaredWorkflowInput_NoError()
    {
        var definition = Build.Single(
            Def.Node("say", "Log", ("message", Build.Of(Expression.Input("targetSite")))),
            inputs: [new WorkflowInput { Name = "targetSite" }]);

        Assert.AreEqual("(none)", Validator.Describe(Validator.Errors(definition)));
    }

    private static ActivityNode SwitchWithBrokenSecondCase() => Def.Node("route", "Switch", ("cases", Def.Lit(new JsonArray(
        new JsonObject { ["label"] = "primary", ["condition"] = "input.targetSite === 'primary'" },
        new JsonObject { ["label"] = "dr", ["condition"] = "input.targetSite === ('dr'" }))));
}
