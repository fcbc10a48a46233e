using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RunbookHost.Workflows.Models;

/// <summary>The kinds of expression an input can hold, named as in Elsa 3.</summary>
public static class ExpressionTypes
{
    public const string Literal = "Literal";
    public const string JavaScript = "JavaScript";
    public const string Variable = "Variable";
    public const string Input = "Input";

    public static readonly IReadOnlyList<string> All = [Literal, JavaScript, Variable, Input];
}

/// <summary>An expression: a literal value, a variable or workflow input name, or JavaScript source.</summary>
public sealed record Expression(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] JsonNode? Value)
{
    public static Expression Literal(JsonNode? value) => new(ExpressionTypes.Literal, value);

    public static Expression JavaScript(string source) => new(ExpressionTypes.JavaScript, JsonValue.Create(source));

    public static Expression Variable(string name) => new(ExpressionTypes.Variable, JsonValue.Create(name));

    public static Expression Input(string name) => new(ExpressionTypes.Input, JsonValue.Create(name));

    /// <summary>The value as text, for the expression kinds whose value is a name or source code.</summary>
    [JsonIgnore]
    public string? Text => Value is JsonValue v && v.TryGetValue(out string? s) ? s : Value?.ToJsonString();
}

/// <summary>An activity input as stored in a definition: <c>{typeName, expression:{type, value}}</c>.</summary>
public sealed record InputValue(
    [property: JsonPropertyName("typeName")] string? TypeName,
    [property: JsonPropertyName("expression")] Expression Expression)
{
    /// <summary>Other properties of the input (e.g. Elsa's memoryReference), kept for round-trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; init; }

    public static InputValue Literal(JsonNode? value, string? typeName = null) => new(typeName, Expression.Literal(value));

    public static InputValue JavaScript(string source, string? typeName = null) => new(typeName, Expression.JavaScript(source));
}
