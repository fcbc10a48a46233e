using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>One activity execution of a run, as people see it.</summary>
/// <param name="ActivityId">The activity's id in its flowchart.</param>
/// <param name="Path">Its unique path in the run (differs from the id inside ForEach iterations).</param>
/// <param name="Type">The activity type.</param>
/// <param name="Status">Waiting, Executing, Suspended, RetryPending, Faulted, Completed or Cancelled.</param>
/// <param name="Outcome">The outcome(s) it completed with, comma separated.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="CompletedAt">When it completed.</param>
/// <param name="Attempt">The current or last attempt.</param>
/// <param name="Error">The last error, when it failed.</param>
public sealed record ActivityView(string ActivityId, string Path, string Type, string Status, string? Outcome, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, int Attempt, string? Error);

/// <summary>Reads a run's persisted execution state for display.</summary>
public static class RunView
{
    /// <summary>The run's activity executions in the order they started.</summary>
    public static IReadOnlyList<ActivityView> Activities(RunRecord run) =>
        RunState.Deserialize(run.State).Activities
            .Select(p => new ActivityView(
                p.Value.NodeId,
                p.Key,
                p.Value.Type,
                p.Value.Status.ToString(),
                p.Value.Outcomes is { Count: > 0 } outcomes ? string.Join(",", outcomes) : null,
                p.Value.StartedAt,
                p.Value.CompletedAt,
                p.Value.Attempt,
                p.Value.Error))
            .OrderBy(a => a.StartedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(a => a.Path, StringComparer.Ordinal)
            .ToList();
}
