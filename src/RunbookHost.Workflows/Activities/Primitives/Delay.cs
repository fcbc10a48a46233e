using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Activities.Primitives;

/// <summary>Waits for a duration on a durable timer that survives host restarts.</summary>
[Activity("Delay", "Primitives", "Delay", Description = "Waits for a duration; the timer is durable and survives restarts.")]
public sealed class Delay : Activity
{
    public const string BookmarkName = "Delay";

    [Input(Description = "How long to wait, e.g. 00:20:00 or PT20M.", Required = true, DefaultValue = "00:01:00")]
    public Input<TimeSpan> Duration { get; } = new();

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var due = context.Time.GetUtcNow() + context.Get(Duration);
        return new(context.Suspend(new BookmarkRequest(BookmarkName, null, new JsonObject { ["dueAt"] = due }, due)));
    }
}
