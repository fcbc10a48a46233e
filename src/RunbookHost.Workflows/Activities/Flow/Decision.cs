namespace RunbookHost.Workflows.Activities.Flow;

/// <summary>Takes the True or the False port by a condition.</summary>
[Activity("Decision", "Flow", "Decision", Outcomes = ["True", "False"], Description = "Continues on True or False by a condition, usually JavaScript.")]
public sealed class Decision : Activity
{
    [Input(Description = "The condition, e.g. JavaScript `input.force === true`.", Required = true, UIHint = "javascript")]
    public Input<bool> Condition { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        new(context.Complete(context.Get(Condition) ? "True" : "False"));
}
