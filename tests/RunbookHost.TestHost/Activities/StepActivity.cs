using RunbookHost.Workflows.Activities;

namespace RunbookHost.TestHost.Activities;

/// <summary>An idempotent step that takes a few milliseconds, so that kills also land while it runs.</summary>
[Activity("Test.Step", "Test", "Step", SideEffect = SideEffect.Idempotent,
    Description = "Waits a few milliseconds; safe to run again after a crash.")]
internal sealed class StepActivity(TestHostSettings settings) : Activity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        await Task.Delay(settings.CommandDuration, context.Time, context.CancellationToken);
        return context.Done();
    }
}
