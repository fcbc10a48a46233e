using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
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

/// <summary>Reads a run's activity executions for display.</summary>
public static class RunView
{
    /// <summary>The journal records <see cref="Activities"/> reads; the rest of a journal it does not need.</summary>
    public static readonly IReadOnlyCollection<string> ActivityRecordKinds = [JournalKinds.ActivityStarted, JournalKinds.ActivityCompleted];

    /// <summary>
    /// The run's activity executions in the order they started: those in progress (and the root and
    /// joins) from the run's state, those that completed from the journal's <c>ActivityCompleted</c>
    /// records (the state no longer holds them).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="journal">The run's journal, in order: all of it, or only its <see cref="ActivityRecordKinds"/> records.</param>
    /// <param name="definition">The definition version the run executes, for the activities' types and paths.</param>
    public static IReadOnlyList<ActivityView> Activities(RunRecord run, IReadOnlyList<JournalRecord> journal, WorkflowDefinition? definition)
    {
        var state = RunState.Deserialize(run.State);
        var views = state.Activities
            .Select(p => new ActivityView(
                p.Value.NodeId,
                p.Key,
                p.Value.Type,
                p.Value.Status.ToString(),
                Joined(p.Value.Outcomes),
                p.Value.StartedAt,
                p.Value.CompletedAt,
                p.Value.Attempt,
                p.Value.Error))
            .ToList();

        var nodes = new Dictionary<string, (string Type, string Path)>(StringComparer.Ordinal);
        if (definition is not null)
        {
            Index(definition.Root, parentPath: null, nodes);
        }

        var started = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var record in journal)
        {
            if (record.ActivityId is not { } nodeId || record.Kind is not (JournalKinds.ActivityStarted or JournalKinds.ActivityCompleted))
            {
                continue;
            }

            bool known = nodes.TryGetValue(nodeId, out var node);
            string path = record.Data?["path"]?.GetValue<string>() ?? (known ? node.Path : nodeId);
            if (record.Kind == JournalKinds.ActivityStarted)
            {
                started.TryAdd(path, record.At); // the first attempt's start, as the state keeps it
                continue;
            }

            if (state.Activities.ContainsKey(path))
            {
                continue; // still in the state (the root, a join; or a state written before completions left it)
            }

            var outcomes = record.Data?["outcomes"] is JsonArray array ? array.Select(o => o?.GetValue<string>() ?? string.Empty).ToList() : null;
            int attempt = record.Data?["attempt"]?.GetValue<int>() ?? 1;
            views.Add(new ActivityView(nodeId, path, known ? node.Type : string.Empty, nameof(ActivityStatus.Completed), Joined(outcomes), started.Remove(path, out var at) ? at : record.At, record.At, attempt, null));
        }

        return views
            .OrderBy(a => a.StartedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(a => a.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Each activity's type and path outside ForEach iterations (inside one, its record names the path).</summary>
    private static void Index(ActivityNode node, string? parentPath, Dictionary<string, (string Type, string Path)> nodes)
    {
        string path = parentPath is null ? node.Id : string.Concat(parentPath, "/", node.Id);
        nodes[node.Id] = (node.Type, path);
        foreach (var child in node.Children())
        {
            Index(child, path, nodes);
        }
    }

    private static string? Joined(IReadOnlyList<string>? outcomes) => outcomes is { Count: > 0 } ? string.Join(",", outcomes) : null;
}
