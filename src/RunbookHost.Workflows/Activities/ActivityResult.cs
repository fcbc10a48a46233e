using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Activities;

/// <summary>How one execution of an activity ended.</summary>
public abstract record ActivityResult
{
    private ActivityResult()
    {
    }

    /// <summary>Completed with these outcomes; connections from them are followed.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Waiting for a stimulus (a person, a timer, a polling interval).</summary>
    public sealed record Suspended(BookmarkRequest Bookmark) : ActivityResult;

    /// <summary>Ends the whole run as faulted (the Fail activity).</summary>
    public sealed record FailRun(string Reason) : ActivityResult;
}

/// <summary>What an activity asks for when it suspends.</summary>
/// <param name="Name">The bookmark's name, e.g. "Approval", "ManualStep", "Delay".</param>
/// <param name="Stimulus">What resumes it, hashed with the name for look-up; may be empty.</param>
/// <param name="Payload">Data the bookmark carries (e.g. an approval's title and allowed roles).</param>
/// <param name="ResumeAt">When set, a durable timer resumes the bookmark at this time.</param>
public sealed record BookmarkRequest(string Name, string? Stimulus, JsonObject Payload, DateTimeOffset? ResumeAt = null);

/// <summary>The stimulus that resumed a bookmark.</summary>
/// <param name="BookmarkId">The resumed bookmark.</param>
/// <param name="Payload">What the resumer sent (e.g. a decision and comment).</param>
/// <param name="Actor">Who resumed it; "system" for timers.</param>
/// <param name="At">When it was resumed.</param>
/// <param name="ByTimer">Whether the bookmark's own timer resumed it.</param>
/// <param name="Bookmark">The bookmark's payload as created.</param>
public sealed record ResumeInput(string BookmarkId, JsonObject Payload, string Actor, DateTimeOffset At, bool ByTimer, JsonObject Bookmark);

/// <summary>The answer of an activity that can inspect the real state after a crash.</summary>
public enum ReconcileVerdict
{
    /// <summary>The real state shows the command took effect: complete with the given outcomes.</summary>
    AlreadyDone,

    /// <summary>The real state shows the command did not take effect: running it is safe.</summary>
    NotDone,

    /// <summary>The state cannot tell: an operator must decide.</summary>
    Unknown,
}

/// <summary>The result of reconciling an interrupted activity with the real state.</summary>
public sealed record ReconcileResult(ReconcileVerdict Verdict, string Explanation, IReadOnlyList<string>? Outcomes = null)
{
    public static ReconcileResult AlreadyDone(string explanation, params string[] outcomes) =>
        new(ReconcileVerdict.AlreadyDone, explanation, outcomes.Length == 0 ? [Activity.DoneOutcome] : outcomes);

    public static ReconcileResult NotDone(string explanation) => new(ReconcileVerdict.NotDone, explanation);

    public static ReconcileResult Unknown(string explanation) => new(ReconcileVerdict.Unknown, explanation);
}

/// <summary>
/// Implemented by side-effecting activities that can ask the real system whether an interrupted
/// execution took effect (e.g. the storage flip asks the array which side is R/W).
/// </summary>
public interface IReconcilableActivity
{
    ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context);
}
