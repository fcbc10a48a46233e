using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Tests.Expressions;

/// <summary>An expression evaluator over a sandbox with limits small enough to keep tests fast.</summary>
internal static class Sandbox
{
    public static JavaScriptOptions FastLimits() => new()
    {
        Timeout = TimeSpan.FromMilliseconds(500),
        MaxStatements = 100_000,
    };

    public static ExpressionEvaluator Evaluator(JavaScriptOptions? options = null) =>
        new(new JavaScriptSandbox(Options.Create(options ?? FastLimits())));

    public static JsonNode? Js(string source, ExpressionEnvironment? environment = null, JavaScriptOptions? options = null) =>
        Evaluator(options).Evaluate(Expression.JavaScript(source), environment ?? ExpressionEnvironment.Empty);

    /// <summary>A run that activated the DR site: input, two variables and one earlier activity's outputs.</summary>
    public static ExpressionEnvironment Activation() => new(
        new JsonObject { ["targetSite"] = "dr", ["force"] = true, ["servers"] = new JsonArray("EXCH01", "EXCH02") },
        new Dictionary<string, JsonNode?> { ["attempts"] = 2, ["lastError"] = null },
        new Dictionary<string, JsonObject> { ["flip"] = new JsonObject { ["readWriteSite"] = "dr", ["seconds"] = 41.5 } });
}
