using RunbookHost.Workflows.Activities;

namespace RunbookHost.Workflows.Tests.Validation;

/// <summary>An activity with one input of each scalar type the built-ins lack (Int32) or share (Boolean, TimeSpan).</summary>
[Activity("Test.Typed", "Test", "Typed")]
internal sealed class TypedActivity : Activity
{
    [Input]
    public Input<int> Count { get; } = new();

    [Input]
    public Input<bool> Force { get; } = new();

    [Input]
    public Input<TimeSpan> Wait { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) => new(context.Done());
}
