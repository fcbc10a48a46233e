using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities;

/// <summary>
/// Durable polling: the activity checks, and if the condition does not hold yet it suspends on a
/// bookmark with a timer, so the wait survives restarts and costs nothing while it lasts.
/// </summary>
internal static class Polling
{
    private const string StartedKey = "pollingSince";
    private const string PollsKey = "polls";

    /// <summary>When polling began (set on the first check).</summary>
    public static DateTimeOffset Since(ActivityExecutionContext context)
    {
        if (context.State[StartedKey] is JsonValue since
            && DateTimeOffset.TryParse(since.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at))
        {
            return at;
        }

        var now = context.Time.GetUtcNow();
        context.State[StartedKey] = now.ToString("O");
        return now;
    }

    public static bool TimedOut(ActivityExecutionContext context, TimeSpan timeout) =>
        context.Time.GetUtcNow() - Since(context) >= timeout;

    /// <summary>Suspends until the next poll.</summary>
    public static ActivityResult Again(ActivityExecutionContext context, TimeSpan interval, string what)
    {
        int polls = (context.State[PollsKey]?.GetValue<int>() ?? 0) + 1;
        context.State[PollsKey] = polls;
        var due = context.Time.GetUtcNow() + interval;
        return context.Suspend(new BookmarkRequest("Poll", context.Path, new JsonObject { ["title"] = what, ["poll"] = polls, ["dueAt"] = due.ToString("O") }, due));
    }
}
