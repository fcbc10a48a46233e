namespace RunbookHost.Workflows.Activities.Primitives;

/// <summary>Writes a message to the run's journal.</summary>
[Activity("Log", "Primitives", "Log", Description = "Writes a message to the run's journal.")]
public sealed class Log : CodeActivity
{
    [Input(Description = "The message.", Required = true, UIHint = "multiline")]
    public Input<string> Message { get; } = new();

    protected override ValueTask ExecuteCodeAsync(ActivityExecutionContext context)
    {
        context.Record("Log", context.Get(Message));
        return ValueTask.CompletedTask;
    }
}
