namespace RunbookHost.Workflows.Activities.Primitives;

/// <summary>Ends the run as faulted with a reason.</summary>
[Activity("Fail", "Primitives", "Fail", Outcomes = [], Description = "Ends the run as faulted, with a reason.")]
public sealed class Fail : Activity
{
    [Input(Description = "Why the run stops.", Required = true)]
    public Input<string> Message { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        new(new ActivityResult.FailRun(context.Get(Message)));
}
