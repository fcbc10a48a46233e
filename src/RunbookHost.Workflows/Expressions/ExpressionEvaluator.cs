using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Expressions;

/// <summary>Evaluates the four expression kinds: Literal, Variable, Input and JavaScript.</summary>
internal sealed class ExpressionEvaluator(JavaScriptSandbox javaScript)
{
    public JsonNode? Evaluate(Expression expression, ExpressionEnvironment environment) =>
        expression.Type switch
        {
            ExpressionTypes.Literal => expression.Value?.DeepClone(),
            ExpressionTypes.Variable => environment.Variables.TryGetValue(RequireName(expression), out var v)
                ? v?.DeepClone()
                : throw new ExpressionException($"Variable '{expression.Text}' is not defined."),
            ExpressionTypes.Input => environment.Input[RequireName(expression)]?.DeepClone(),
            ExpressionTypes.JavaScript => javaScript.Evaluate(expression.Text ?? string.Empty, environment),
            _ => throw new ExpressionException($"Unknown expression type '{expression.Type}'."),
        };

    private static string RequireName(Expression expression) =>
        expression.Text is { Length: > 0 } name ? name : throw new ExpressionException($"A {expression.Type} expression needs a name.");
}
