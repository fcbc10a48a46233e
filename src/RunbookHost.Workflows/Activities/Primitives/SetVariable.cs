using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Activities.Primitives;

/// <summary>Sets a workflow variable.</summary>
[Activity("SetVariable", "Primitives", "Set variable", Description = "Sets a variable to a value.")]
public sealed class SetVariable : CodeActivity
{
    [Input(Description = "The variable's name.", Required = true)]
    public Input<string> Variable { get; } = new();

    [Input(Description = "The value.")]
    public Input<JsonNode> Value { get; } = new();

    protected override ValueTask ExecuteCodeAsync(ActivityExecutionContext context)
    {
        context.SetVariable(context.Get(Variable), context.Get(Value));
        return ValueTask.CompletedTask;
    }
}
