using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Activities.Flow;

/// <summary>Starts several branches that run concurrently; each branch is an outcome port.</summary>
[Activity("Fork", "Flow", "Fork", Description = "Starts every named branch at once; the branches run concurrently.")]
public sealed class Fork : Activity
{
    [Input(Description = "The branch names; each becomes an outcome port.", Required = true, DefaultValue = "Branch 1,Branch 2")]
    public Input<string[]> Branches { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        new(context.Complete(context.Get(Branches)));

    public override IReadOnlyList<string> GetOutcomes(ActivityNode node) => BranchNames(node);

    internal static IReadOnlyList<string> BranchNames(ActivityNode node)
    {
        var literal = node.GetInput("branches")?.Expression;
        if (literal?.Type == ExpressionTypes.Literal)
        {
            // A value of the wrong type has no ports; validation reports the input itself.
            return Expressions.ValueConverter.IsConvertible(literal.Value, "String[]")
                ? (string[]?)Expressions.ValueConverter.Convert(literal.Value, typeof(string[])) ?? []
                : [];
        }

        return ["Branch 1", "Branch 2"];
    }
}
