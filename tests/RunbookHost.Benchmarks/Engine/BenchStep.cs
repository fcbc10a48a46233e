using RunbookHost.Workflows.Activities;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>A step that does nothing, so that what a step costs is the engine's own work.</summary>
[Activity(Type, "Bench", "Step", Description = "Does nothing; for benchmarks.")]
internal sealed class BenchStep : CodeActivity
{
    public const string Type = "Bench.Step";

    protected override ValueTask ExecuteCodeAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
}
