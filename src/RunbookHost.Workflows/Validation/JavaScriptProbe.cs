using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Validation;

/// <summary>
/// Runs each JavaScript expression of a definition once in the sandbox before the definition is
/// accepted, so that what the sandbox would stop at run time (an endless loop, allocation without
/// end, runaway recursion) or a name it does not define (.NET and host bridges such as
/// <c>System</c> or <c>importNamespace</c>) is refused when the workflow is saved, not found
/// during a failover. Ordinary errors that depend on run data (a missing input field) are left to
/// the run.
/// </summary>
internal sealed class JavaScriptProbe
{
    /// <summary>The longest one expression may run while being checked.</summary>
    public static readonly TimeSpan TimePerExpression = TimeSpan.FromSeconds(1);

    /// <summary>The longest the expressions of one definition may take together while being checked.</summary>
    public static readonly TimeSpan TimePerDefinition = TimeSpan.FromSeconds(3);

    private readonly JavaScriptSandbox _sandbox;

    public JavaScriptProbe(JavaScriptOptions options)
    {
        // The run-time limits, with the time cut so a refused expression costs at most about a second.
        _sandbox = new JavaScriptSandbox(Options.Create(new JavaScriptOptions
        {
            MaxStatements = options.MaxStatements,
            Timeout = options.Timeout < TimePerExpression ? options.Timeout : TimePerExpression,
            MemoryLimitBytes = options.MemoryLimitBytes,
            MaxRecursionDepth = options.MaxRecursionDepth,
            MaxArraySize = options.MaxArraySize,
        }));
    }

    /// <summary>A probe over the environment a run of <paramref name="definition"/> starts with.</summary>
    public JavaScriptProbeSession For(WorkflowDefinition definition) => new(_sandbox, definition);
}

/// <summary>The checks of one definition: its probe environment and its shared time budget.</summary>
internal sealed class JavaScriptProbeSession
{
    private readonly JavaScriptSandbox _sandbox;
    private readonly JsonObject _input = [];
    private readonly Dictionary<string, JsonNode?> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode?> _loopVariables;
    private readonly List<string> _activityIds = [];

    // Wall-clock time on purpose, like the sandbox's own timeout: this bounds CPU spent now, whatever clock the host runs on.
    private readonly long _started = Stopwatch.GetTimestamp();

    public JavaScriptProbeSession(JavaScriptSandbox sandbox, WorkflowDefinition definition)
    {
        _sandbox = sandbox;
        foreach (var input in definition.Inputs.Where(i => i.DefaultValue is not null && !string.IsNullOrEmpty(i.Name)))
        {
            _input[input.Name] = input.DefaultValue!.DeepClone();
        }

        foreach (var variable in definition.Variables.Where(v => !string.IsNullOrEmpty(v.Name)))
        {
            _variables[variable.Name] = variable.Value?.DeepClone();
        }

        _loopVariables = new Dictionary<string, JsonNode?>(_variables, StringComparer.Ordinal) { ["currentValue"] = null, ["currentIndex"] = 0 };
        CollectIds(definition.Root, 0);
    }

    /// <summary>Whether the time for this definition's checks is used up; later expressions are not checked.</summary>
    public bool OutOfTime => Stopwatch.GetElapsedTime(_started) > JavaScriptProbe.TimePerDefinition;

    /// <summary>Why <paramref name="source"/> is refused, or null when it ran, or failed only in a way that depends on run data.</summary>
    public string? Check(string source, bool inLoop)
    {
        // Every earlier activity's outputs are empty here; only the ids the source mentions are worth converting.
        var outputs = _activityIds.Where(id => source.Contains(id, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, _ => new JsonObject(), StringComparer.Ordinal);
        try
        {
            _sandbox.Evaluate(source, new ExpressionEnvironment(_input, inLoop ? _loopVariables : _variables, outputs));
            return null;
        }
        catch (ExpressionException ex) when (ex.StoppedByLimit)
        {
            return $"was stopped when checked, as it would be in every run: {ex.Message}";
        }
        catch (ExpressionException ex) when (ex.UndefinedName is { } name)
        {
            return $"uses '{name}', which does not exist here: expressions see input, variables, outputs and standard JavaScript only (no .NET or host objects).";
        }
        catch (ExpressionException)
        {
            return null;
        }
    }

    private void CollectIds(ActivityNode node, int depth)
    {
        _activityIds.Add(node.Id);
        if (depth > DefinitionValidator.MaxDepth)
        {
            return;
        }

        foreach (var child in node.Children())
        {
            CollectIds(child, depth + 1);
        }
    }
}
