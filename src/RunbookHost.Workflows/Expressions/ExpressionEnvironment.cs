using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Expressions;

/// <summary>What an expression can see: the run's input, the variables in scope and earlier activities' outputs.</summary>
public sealed record ExpressionEnvironment(
    JsonObject Input,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    IReadOnlyDictionary<string, JsonObject> Outputs)
{
    public static readonly ExpressionEnvironment Empty = new(new JsonObject(), new Dictionary<string, JsonNode?>(), new Dictionary<string, JsonObject>());
}
