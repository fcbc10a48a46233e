using System.Text.Json.Nodes;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Activities.Flow;

/// <summary>Whether a Switch takes the first matching case or every matching case.</summary>
public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}

/// <summary>Takes the port of each case whose JavaScript condition holds, or Default.</summary>
[Activity("Switch", "Flow", "Switch", Outcomes = [DefaultOutcome], Description = "Continues on the case(s) whose condition holds, else on Default.")]
public sealed class Switch : Activity
{
    public const string DefaultOutcome = "Default";

    [Input(Description = "Cases: a list of {label, condition} where condition is JavaScript.", Required = true)]
    public Input<JsonArray> Cases { get; } = new();

    [Input(Description = "MatchFirst takes the first case that holds; MatchAny takes all of them.", DefaultValue = "MatchFirst")]
    public Input<SwitchMode> Mode { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var matched = new List<string>();
        var mode = context.Get(Mode);
        foreach (var (label, condition) in ReadCases(context.Get(Cases)))
        {
            if (ValueConverter.Convert<bool>(context.Evaluate(Expression.JavaScript(condition)), $"case '{label}' of switch '{context.ActivityId}'"))
            {
                matched.Add(label);
                if (mode == SwitchMode.MatchFirst)
                {
                    break;
                }
            }
        }

        return new(context.Complete(matched.Count > 0 ? [.. matched] : [DefaultOutcome]));
    }

    public override IReadOnlyList<string> GetOutcomes(ActivityNode node)
    {
        var cases = node.GetInput("cases")?.Expression;
        if (cases?.Type != ExpressionTypes.Literal || cases.Value is not JsonArray array)
        {
            return [DefaultOutcome];
        }

        return [.. TryReadCases(array).Select(c => c.Label), DefaultOutcome];
    }

    public override IEnumerable<ValidationError> Validate(ActivityNode node, string path)
    {
        var cases = node.GetInput("cases")?.Expression;
        if (cases?.Type != ExpressionTypes.Literal)
        {
            yield break;
        }

        if (cases.Value is not JsonArray array)
        {
            yield return new ValidationError($"{path}.cases", $"Activity '{node.Id}' (Switch): cases must be a list of {{label, condition}}.");
            yield break;
        }

        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject c || c["label"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || c["condition"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                yield return new ValidationError($"{path}.cases[{i}]", $"Activity '{node.Id}' (Switch): case {i} needs a text 'label' and a JavaScript 'condition'.");
                continue;
            }

            if (JavaScriptSandbox.SyntaxError(c["condition"]!.GetValue<string>()) is { } error)
            {
                yield return new ValidationError($"{path}.cases[{i}].condition", $"Activity '{node.Id}' (Switch): the condition of case '{c["label"]}' does not parse: {error}");
            }
        }
    }

    private static IEnumerable<(string Label, string Condition)> ReadCases(JsonArray array)
    {
        foreach (var item in array)
        {
            if (item is not JsonObject c || c["label"] is not JsonValue label || c["condition"] is not JsonValue condition)
            {
                throw new ExpressionException("A switch case needs a 'label' and a 'condition'.");
            }

            yield return (label.GetValue<string>(), condition.GetValue<string>());
        }
    }

    private static IEnumerable<(string Label, string Condition)> TryReadCases(JsonArray array) =>
        array.OfType<JsonObject>()
            .Where(c => c["label"] is JsonValue l && l.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(c => (c["label"]!.GetValue<string>(), c["condition"]?.ToString() ?? string.Empty));
}
