using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Descriptors;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Runtime;

/// <summary>What an activity sees when it runs: its inputs evaluated in its scope, the variables visible there, its execution context.</summary>
internal sealed partial class RunExecution
{
    private IReadOnlyDictionary<string, JsonNode?> EvaluateInputs(ActivityNode node, ActivityDescriptor descriptor, string scope)
    {
        if (descriptor.Inputs.Count == 0)
        {
            return EmptyInputs;
        }

        var values = new Dictionary<string, JsonNode?>(descriptor.Inputs.Count, StringComparer.Ordinal);
        ExpressionEnvironment? environment = null;
        foreach (var input in descriptor.Inputs)
        {
            if (node.Inputs.TryGetValue(input.Name, out var value))
            {
                if (value.Expression.Type == ExpressionTypes.Literal)
                {
                    values[input.Name] = value.Expression.Value;
                    continue;
                }

                environment ??= new ExpressionEnvironment(_info.Input, VisibleVariables(scope), _state.Outputs);
                try
                {
                    values[input.Name] = _engine.Evaluator.Evaluate(value.Expression, environment);
                }
                catch (ExpressionException ex)
                {
                    throw new ExpressionException($"Input '{input.Name}' of '{node.Id}': {ex.Message}", ex);
                }
            }
            else if (input.DefaultValue is not null)
            {
                values[input.Name] = input.DefaultValue;
            }
        }

        return values;
    }

    private static readonly IReadOnlyDictionary<string, JsonNode?> EmptyInputs = new Dictionary<string, JsonNode?>();

    /// <summary>
    /// The variables an activity in <paramref name="scope"/> sees: the run's, overlaid by each enclosing
    /// scope's locals (the innermost wins). A snapshot: later changes to the run's state do not reach it.
    /// </summary>
    private IReadOnlyDictionary<string, JsonNode?> VisibleVariables(string scope)
    {
        bool locals = false;
        for (string s = scope; s.Length > 0 && _state.Scopes.TryGetValue(s, out var state); s = state.Parent)
        {
            locals |= state.Locals.Count > 0;
        }

        if (!locals && _state.Variables.Count == 0)
        {
            return NoVariables;
        }

        var visible = new Dictionary<string, JsonNode?>(_state.Variables, StringComparer.Ordinal);
        if (locals)
        {
            OverlayLocals(scope, visible);
        }

        return visible;
    }

    /// <summary>Writes the locals of <paramref name="scope"/> and its parents into <paramref name="visible"/>, outermost first.</summary>
    private void OverlayLocals(string scope, Dictionary<string, JsonNode?> visible)
    {
        if (scope.Length == 0 || !_state.Scopes.TryGetValue(scope, out var state))
        {
            return;
        }

        OverlayLocals(state.Parent, visible);
        foreach (var (name, value) in state.Locals)
        {
            visible[name] = value;
        }
    }

    private static readonly IReadOnlyDictionary<string, JsonNode?> NoVariables = new Dictionary<string, JsonNode?>();

    private void SetVariable(string scope, string name, JsonNode? value)
    {
        for (string s = scope; s.Length > 0 && _state.Scopes.TryGetValue(s, out var state); s = state.Parent)
        {
            if (state.Locals.ContainsKey(name))
            {
                state.Locals[name] = value?.DeepClone();
                return;
            }
        }

        _state.Variables[name] = value?.DeepClone();
    }

    private Func<Expression, string, JsonNode?>? _evaluateInScope;

    private JsonNode? EvaluateInScope(Expression expression, string scope) =>
        _engine.Evaluator.Evaluate(expression, new ExpressionEnvironment(_info.Input, VisibleVariables(scope), _state.Outputs));

    private ActivityExecutionContext CreateContext(ActivityNode node, string path, ActivityState activity, IReadOnlyDictionary<string, JsonNode?> inputs, ResumeInput? resume, int attempt, CancellationToken token, IReadOnlyDictionary<string, JsonNode?>? variables = null)
    {
        var state = (JsonObject?)activity.State?.DeepClone();
        var context = new ActivityExecutionContext(_info, node, path, attempt, inputs, variables ?? VisibleVariables(activity.Scope), state, resume, _engine.Services, _engine.Time, token)
        {
            FenceWith = _fence,
        };
        if (variables is null)
        {
            context.EvaluateWith(_evaluateInScope ??= EvaluateInScope, activity.Scope);
        }

        return context;
    }
}
