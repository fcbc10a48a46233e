using System.Text.Json.Nodes;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Tests.Expressions;

[TestClass]
public sealed class ExpressionEvaluatorTests
{
    [TestMethod]
    public void Evaluate_JavaScriptReadingInputVariablesAndOutputs_CombinesThem()
    {
        var result = Sandbox.Js("`${input.targetSite}:${variables.attempts}:${outputs.flip.readWriteSite}:${input.servers.length}`", Sandbox.Activation());

        Assert.AreEqual("dr:2:dr:2", result!.GetValue<string>());
    }

    [TestMethod]
    public void Evaluate_JavaScriptCondition_ReturnsBoolean()
    {
        var result = Sandbox.Js("input.force === true && outputs.flip.seconds > 40", Sandbox.Activation());

        Assert.IsTrue(result!.GetValue<bool>());
    }

    [TestMethod]
    public void Evaluate_JavaScriptReturningObject_ReturnsJson()
    {
        var result = Sandbox.Js("({ site: input.targetSite, servers: input.servers.map(s => s.toLowerCase()) })", Sandbox.Activation());

        Assert.AreEqual("""{"site":"dr","servers":["exch01","exch02"]}""", result!.ToJsonString());
    }

    [TestMethod]
    public void Evaluate_JavaScriptChangingInput_LeavesRunInputUnchanged()
    {
        var environment = Sandbox.Activation();

        Sandbox.Js("input.targetSite = 'primary'; variables.attempts = 99; 1", environment);

        Assert.AreEqual("dr", environment.Input["targetSite"]!.GetValue<string>());
        Assert.AreEqual(2, environment.Variables["attempts"]!.GetValue<int>());
    }

    [TestMethod]
    public void Evaluate_Literal_ReturnsCopyOfValue()
    {
        var value = new JsonObject { ["label"] = "dr" };

        var result = Sandbox.Evaluator().Evaluate(Expression.Literal(value), ExpressionEnvironment.Empty);

        Assert.IsTrue(JsonNode.DeepEquals(value, result));
        Assert.AreNotSame(value, result);
    }

    [TestMethod]
    public void Evaluate_Variable_ReturnsItsValue()
    {
        var result = Sandbox.Evaluator().Evaluate(Expression.Variable("attempts"), Sandbox.Activation());

        Assert.AreEqual(2, result!.GetValue<int>());
    }

    [TestMethod]
    public void Evaluate_VariableSetToNull_ReturnsNull()
    {
        var result = Sandbox.Evaluator().Evaluate(Expression.Variable("lastError"), Sandbox.Activation());

        Assert.IsNull(result);
    }

    [TestMethod]
    public void Evaluate_UndefinedVariable_ThrowsNamingIt()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Evaluator().Evaluate(Expression.Variable("retries"), Sandbox.Activation()));

        Assert.Contains("'retries'", ex.Message);
    }

    [TestMethod]
    public void Evaluate_Input_ReturnsWorkflowInput()
    {
        var result = Sandbox.Evaluator().Evaluate(Expression.Input("servers"), Sandbox.Activation());

        Assert.AreEqual("""["EXCH01","EXCH02"]""", result!.ToJsonString());
    }

    [TestMethod]
    public void Evaluate_UnknownExpressionType_ThrowsNamingType()
    {
        var ex = Assert.ThrowsExactly<ExpressionException>(() => Sandbox.Evaluator().Evaluate(new Expression("Liquid", JsonValue.Create("{{ x }}")), ExpressionEnvironment.Empty));

        Assert.Contains("'Liquid'", ex.Message);
    }
}
