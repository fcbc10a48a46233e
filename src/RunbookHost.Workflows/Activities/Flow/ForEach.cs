using System.Text.Json.Nodes;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Activities.Flow;

/// <summary>Whether ForEach runs its body for one item after another or for all items at once.</summary>
public enum ForEachMode
{
    Sequential,
    Parallel,
}

/// <summary>Runs its body once per item, with <c>currentValue</c> and <c>currentIndex</c> as scope variables.</summary>
[Activity(Type, "Flow", "For each", Description = "Runs its body for every item of a list, one after another or in parallel.")]
public sealed class ForEach : CompositeActivity
{
    public const string Type = "ForEach";

    /// <summary>More items than this are refused: a runbook loops over disks and servers, not millions of rows.</summary>
    public const int MaxItems = 1000;

    [Input(Description = "The list to iterate.", Required = true)]
    public Input<JsonArray> Items { get; } = new();

    [Input(Description = "Sequential runs one item at a time; Parallel runs all at once.", DefaultValue = "Sequential")]
    public Input<ForEachMode> Mode { get; } = new();

    internal override ScopePlan Begin(ActivityExecutionContext context)
    {
        var items = context.Get(Items) ?? [];
        if (items.Count > MaxItems)
        {
            throw new ExpressionException($"ForEach '{context.ActivityId}' got {items.Count} items; at most {MaxItems} are allowed.");
        }

        context.State["count"] = items.Count;
        context.State["items"] = items.DeepClone();
        context.State["done"] = 0;
        if (items.Count == 0)
        {
            return ScopePlan.Completed;
        }

        if (context.Get(Mode) == ForEachMode.Parallel)
        {
            return new([.. Enumerable.Range(0, items.Count).Select(i => Scope(context, items, i))], false);
        }

        return new([Scope(context, items, 0)], false);
    }

    internal override ScopePlan Continue(ActivityExecutionContext context, int index)
    {
        int count = context.State["count"]!.GetValue<int>();
        int done = context.State["done"]!.GetValue<int>() + 1;
        context.State["done"] = done;
        if (done >= count)
        {
            return ScopePlan.Completed;
        }

        if (context.Get(Mode) == ForEachMode.Parallel)
        {
            return ScopePlan.Wait;
        }

        return new([Scope(context, context.State["items"]!.AsArray(), index + 1)], false);
    }

    public override IEnumerable<ValidationError> Validate(ActivityNode node, string path)
    {
        if (node.Body is null)
        {
            yield return new ValidationError($"{path}.body", "ForEach needs a body activity.");
        }

        if (node.GetInput("items")?.Expression is { Type: ExpressionTypes.Literal, Value: JsonArray { Count: > MaxItems } list })
        {
            yield return new ValidationError($"{path}.items", $"The list has {list.Count} items; at most {MaxItems} are allowed.");
        }
    }

    private static ChildScope Scope(ActivityExecutionContext context, JsonArray items, int index) =>
        new(index, context.Node, context.Node.Body, new Dictionary<string, JsonNode?>
        {
            ["currentValue"] = items[index]?.DeepClone(),
            ["currentIndex"] = index,
        });
}
