using RunbookHost.Workflows.Validation;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Activities.Flow;

/// <summary>Activities joined by connections from outcome ports; completes when no branch has work left.</summary>
[Activity(Type, "Flow", "Flowchart", Description = "Runs its activities along the connections between their outcomes.")]
public sealed class Flowchart : CompositeActivity
{
    public const string Type = "Flowchart";

    internal override ScopePlan Begin(ActivityExecutionContext context) =>
        new([new ChildScope(0, context.Node, null, new Dictionary<string, System.Text.Json.Nodes.JsonNode?>())], false);

    internal override ScopePlan Continue(ActivityExecutionContext context, int index) => ScopePlan.Completed;

    public override IEnumerable<ValidationError> Validate(ActivityNode node, string path) => [];
}
