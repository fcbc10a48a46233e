using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Activities.Flow;
using RunbookHost.Workflows.Descriptors;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Validation;

/// <summary>
/// Checks a definition before it is saved or run, naming the activity and field of every problem:
/// unknown types, missing or mistyped inputs, bad connections, no start, unreachable activities,
/// cycles, duplicate ids, JavaScript that does not parse, and JavaScript the sandbox would stop
/// (endless loops, allocation without end, .NET or host access; see <see cref="JavaScriptProbe"/>).
/// </summary>
public sealed partial class DefinitionValidator(ActivityRegistry registry, IOptions<JavaScriptOptions> javaScript)
{
    /// <summary>Deeper nesting than this is refused.</summary>
    public const int MaxDepth = 16;

    /// <summary>More activities than this in one definition are refused.</summary>
    public const int MaxActivities = 2000;

    private static readonly HashSet<string> ScopeLocals = ["currentValue", "currentIndex"];

    private readonly JavaScriptProbe _probe = new(javaScript.Value);

    public ValidationResult Validate(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        if (!IdPattern().IsMatch(definition.DefinitionId))
        {
            errors.Add(new("definitionId", "Use 1-100 letters, digits, '-', '_' or '.', starting with a letter or digit."));
        }

        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (input, i) in definition.Inputs.Select((x, i) => (x, i)))
        {
            if (string.IsNullOrWhiteSpace(input.Name) || !inputNames.Add(input.Name))
            {
                errors.Add(new($"inputs[{i}].name", $"Input name '{input.Name}' is empty or used twice."));
            }
            else if (!ValueConverter.IsConvertible(input.DefaultValue, input.TypeName))
            {
                errors.Add(new($"inputs[{i}].defaultValue", $"The default of input '{input.Name}' is not a valid {input.TypeName}."));
            }
        }

        var variableNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (variable, i) in definition.Variables.Select((x, i) => (x, i)))
        {
            if (string.IsNullOrWhiteSpace(variable.Name) || !variableNames.Add(variable.Name))
            {
                errors.Add(new($"variables[{i}].name", $"Variable name '{variable.Name}' is empty or used twice."));
            }
        }

        var walk = new Walk(errors, inputNames, variableNames, new HashSet<string>(StringComparer.Ordinal), _probe.For(definition));
        if (definition.Root.Type != Flowchart.Type)
        {
            errors.Add(new("root", $"The root must be a {Flowchart.Type}, not '{definition.Root.Type}'."));
        }

        ValidateNode(definition.Root, "root", 0, false, walk);
        if (walk.Count > MaxActivities)
        {
            errors.Add(new("root", $"The definition has {walk.Count} activities; at most {MaxActivities} are allowed."));
        }

        if (walk.Probe.OutOfTime)
        {
            errors.Add(new("root", $"Checking the workflow's JavaScript took longer than {JavaScriptProbe.TimePerDefinition.TotalSeconds:0} s, so not every expression was checked; make the expressions simpler."));
        }

        return new ValidationResult(errors);
    }

    private void ValidateNode(ActivityNode node, string path, int depth, bool inLoop, Walk walk)
    {
        walk.Count++;
        if (depth > MaxDepth)
        {
            walk.Errors.Add(new(path, $"Activities are nested more than {MaxDepth} levels deep."));
            return;
        }

        if (!walk.Ids.Add(node.Id))
        {
            walk.Errors.Add(new(path, $"Activity id '{node.Id}' is used more than once."));
        }

        var activity = registry.Find(node.Type);
        if (activity is null)
        {
            walk.Errors.Add(new(path, $"Activity '{node.Id}' has unknown type '{node.Type}'."));
            return;
        }

        ValidateInputs(node, path, activity.Descriptor, inLoop, walk);
        var own = activity.Validate(node, path).ToList();
        walk.Errors.AddRange(own);
        if (node.Type == nameof(Switch) && own.Count == 0)
        {
            ProbeSwitchCases(node, path, inLoop, walk);
        }

        if (node.Type == Flowchart.Type)
        {
            ValidateFlowchart(node, path, depth, inLoop, walk);
        }
        else if (node.Body is not null)
        {
            ValidateNode(node.Body, $"{path}/{node.Body.Id}", depth + 1, inLoop || node.Type == ForEach.Type, walk);
        }
    }

    private static void ValidateInputs(ActivityNode node, string path, ActivityDescriptor descriptor, bool inLoop, Walk walk)
    {
        foreach (var input in descriptor.Inputs)
        {
            if (input.Required && input.DefaultValue is null && node.GetInput(input.Name) is null)
            {
                walk.Errors.Add(new($"{path}.{input.Name}", $"Activity '{node.Id}' ({node.Type}): input '{input.Name}' is required."));
            }
        }

        foreach (var (name, value) in node.Inputs)
        {
            string at = $"{path}.{name}";
            var input = descriptor.FindInput(name);
            if (input is null)
            {
                walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}) has no input '{name}'."));
                continue;
            }

            var expression = value.Expression;
            switch (expression.Type)
            {
                case ExpressionTypes.Literal:
                    if (input.Required && (expression.Value is null || (input.TypeName == "String" && string.IsNullOrWhiteSpace(expression.Text))))
                    {
                        walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}): input '{name}' is required."));
                    }
                    else if (!ValueConverter.IsConvertible(expression.Value, input.TypeName) || (input.Options is { } options && !IsOption(expression, options)))
                    {
                        string allowed = input.Options is { } o ? $" (one of {string.Join(", ", o)})" : string.Empty;
                        walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}): input '{name}' must be a {input.TypeName}{allowed}; got {Short(expression.Value?.ToJsonString() ?? "null")}."));
                    }

                    break;
                case ExpressionTypes.JavaScript:
                    if (JavaScriptSandbox.SyntaxError(expression.Text ?? string.Empty) is { } error)
                    {
                        walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}): JavaScript of input '{name}' does not parse: {error}"));
                    }
                    else if (Probe(expression.Text ?? string.Empty, inLoop, walk) is { } refused)
                    {
                        walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}): JavaScript of input '{name}' {refused}"));
                    }

                    break;
                case ExpressionTypes.Variable:
                    if (expression.Text is not { } variable || (!walk.Variables.Contains(variable) && !(inLoop && ScopeLocals.Contains(variable))))
                    {
                        walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}): input '{name}' refers to undeclared variable '{expression.Text}'."));
                    }

                    break;
                case ExpressionTypes.Input:
                    if (expression.Text is not { } inputName || !walk.Inputs.Contains(inputName))
                    {
                        walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}): input '{name}' refers to undeclared workflow input '{expression.Text}'."));
                    }

                    break;
                default:
                    walk.Errors.Add(new(at, $"Activity '{node.Id}' ({node.Type}): input '{name}' has unknown expression type '{expression.Type}' (use {string.Join(", ", ExpressionTypes.All)})."));
                    break;
            }
        }
    }

    /// <summary>The literal cases' conditions of a Switch whose cases are otherwise well formed.</summary>
    private static void ProbeSwitchCases(ActivityNode node, string path, bool inLoop, Walk walk)
    {
        if (node.GetInput("cases")?.Expression is not { Type: ExpressionTypes.Literal, Value: JsonArray cases })
        {
            return;
        }

        for (int i = 0; i < cases.Count; i++)
        {
            if (cases[i]?["condition"]?.GetValue<string>() is { } condition && Probe(condition, inLoop, walk) is { } refused)
            {
                walk.Errors.Add(new($"{path}.cases[{i}].condition", $"Activity '{node.Id}' (Switch): the condition of case '{cases[i]!["label"]}' {refused}"));
            }
        }
    }

    private static string? Probe(string source, bool inLoop, Walk walk) =>
        walk.Probe.OutOfTime ? null : walk.Probe.Check(source, inLoop);

    private void ValidateFlowchart(ActivityNode node, string path, int depth, bool inLoop, Walk walk)
    {
        var activities = node.Activities ?? [];
        var graph = new FlowchartGraph(node);
        foreach (var child in activities)
        {
            ValidateNode(child, $"{path}/{child.Id}", depth + 1, inLoop, walk);
        }

        if (activities.Count == 0)
        {
            walk.Errors.Add(new(path, $"Flowchart '{node.Id}' has no activities, so no start activity."));
            return;
        }

        foreach (var (connection, i) in (node.Connections ?? []).Select((c, i) => (c, i)))
        {
            string at = $"{path}.connections[{i}]";
            if (!graph.Nodes.TryGetValue(connection.Source.Activity, out var source))
            {
                walk.Errors.Add(new(at, $"Connection {i} starts at unknown activity '{connection.Source.Activity}'."));
            }
            else if (registry.Find(source.Type) is { } activity && !activity.GetOutcomes(source).Contains(connection.Source.Port))
            {
                walk.Errors.Add(new(at, $"Connection {i}: activity '{source.Id}' ({source.Type}) has no outcome port '{connection.Source.Port}' (it has {string.Join(", ", activity.GetOutcomes(source))})."));
            }

            if (!graph.Nodes.ContainsKey(connection.Target.Activity))
            {
                walk.Errors.Add(new(at, $"Connection {i} ends at unknown activity '{connection.Target.Activity}'."));
            }
            else if (connection.Target.Port != Connection.InPort)
            {
                walk.Errors.Add(new(at, $"Connection {i} ends at port '{connection.Target.Port}' of '{connection.Target.Activity}'; activities accept connections on '{Connection.InPort}' only."));
            }
        }

        if (node.Start is { } start && !graph.Nodes.ContainsKey(start))
        {
            walk.Errors.Add(new($"{path}.start", $"Start activity '{start}' is not in flowchart '{node.Id}'."));
            return;
        }

        if (graph.FindCycle() is { } cycle)
        {
            walk.Errors.Add(new(path, $"Connections form a cycle: {string.Join(" -> ", cycle)}. Flowcharts must not loop; use ForEach or a polling activity."));
        }

        if (graph.Start is null)
        {
            walk.Errors.Add(new(path, graph.Roots.Count == 0
                ? $"Flowchart '{node.Id}' has no start activity: every activity has an inbound connection."
                : $"Flowchart '{node.Id}' has several possible start activities ({string.Join(", ", graph.Roots)}); connect them or set 'start'."));
            return;
        }

        var reachable = graph.ReachableFrom([graph.Start]);
        foreach (var child in activities.Where(a => !reachable.Contains(a.Id)))
        {
            walk.Errors.Add(new($"{path}/{child.Id}", $"Activity '{child.Id}' cannot be reached from the start activity '{graph.Start}'."));
        }
    }

    private static bool IsOption(Expression expression, IReadOnlyList<string> options) =>
        expression.Value is null || options.Contains(expression.Text, StringComparer.OrdinalIgnoreCase);

    private static string Short(string text) => text.Length > 60 ? text[..60] + "..." : text;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex IdPattern();

    private sealed record Walk(List<ValidationError> Errors, HashSet<string> Inputs, HashSet<string> Variables, HashSet<string> Ids, JavaScriptProbeSession Probe)
    {
        public int Count { get; set; }
    }
}
