using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Applying the run's inbox: resumes, cancellation and incident resolutions.</summary>
internal sealed partial class RunExecution
{
    private async Task ApplySignalsAsync()
    {
        var signals = await _engine.Store.GetSignalsAsync(_run.RunId, _hostToken);
        foreach (var signal in signals)
        {
            if (_ended)
            {
                return;
            }

            if (!_appliedSignals.Add(signal.SignalId))
            {
                continue;
            }

            switch (signal.Kind)
            {
                case SignalKind.Resume:
                    await ApplyResumeAsync(signal);
                    break;
                case SignalKind.Cancel:
                    await ApplyCancelAsync(signal);
                    break;
                case SignalKind.ResolveIncident:
                    await ApplyResolutionAsync(signal);
                    break;
            }
        }
    }

    private async Task ApplyResumeAsync(RunSignal signal)
    {
        _consumeSignals.Add(signal.SignalId);
        var entry = _state.Activities.FirstOrDefault(a => a.Value.BookmarkId == signal.BookmarkId && a.Value.Status == ActivityStatus.Suspended);
        var bookmark = signal.BookmarkId is null ? null : await _engine.Store.FindBookmarkAsync(signal.BookmarkId, _hostToken);
        if (entry.Value is null || bookmark is null)
        {
            // Stale: the bookmark's activity was cancelled or already moved on.
            await CommitAsync();
            return;
        }

        var (path, activity) = entry;
        _consumeBookmarks.Add(bookmark.BookmarkId);
        activity.BookmarkId = null;
        MarkRunning(signal.Actor);
        var resume = new ResumeInput(bookmark.BookmarkId, signal.Payload, signal.Actor, JournalChain.Normalize(signal.At), signal.ByTimer, bookmark.Payload);
        await StartAsync(_workflow.Node(activity.NodeId), path, activity, resume);
        await CommitAsync();
    }

    private async Task ApplyCancelAsync(RunSignal signal)
    {
        _consumeSignals.Add(signal.SignalId);
        string reason = signal.Payload["reason"]?.ToString() is { Length: > 0 } r ? r : "no reason given";
        _state.CancelReason = reason;
        await EndRunAsync(RunStatus.Cancelled, JournalKinds.RunCancelled, signal.Actor, $"Cancelled by {signal.Actor}: {reason}");
    }

    private async Task ApplyResolutionAsync(RunSignal signal)
    {
        _consumeSignals.Add(signal.SignalId);
        var incident = (await _engine.Store.GetIncidentsAsync(_run.RunId, _hostToken)).FirstOrDefault(i => i.IncidentId == signal.IncidentId);
        if (incident is not { IsOpen: true } || !_state.Activities.TryGetValue(incident.ActivityPath, out var activity) || activity.Status != ActivityStatus.Faulted)
        {
            await CommitAsync();
            return;
        }

        string action = signal.Payload["action"]?.ToString() ?? string.Empty;
        string? outcome = signal.Payload["outcome"]?.ToString();
        string comment = signal.Payload["comment"]?.ToString() ?? string.Empty;
        _incidents.Add(incident with { Resolution = new IncidentResolution(action, outcome, comment, signal.Actor, Now()) });
        Append(
            JournalKinds.IncidentResolved,
            activity.NodeId,
            signal.Actor,
            $"{signal.Actor} resolved the incident on {activity.NodeId} by {action}{(outcome is null ? string.Empty : $" ({outcome})")}{(comment.Length > 0 ? $": {comment}" : string.Empty)}",
            new JsonObject { ["incidentId"] = incident.IncidentId, ["action"] = action, ["outcome"] = outcome, ["comment"] = comment });
        activity.IncidentId = null;
        MarkRunning(signal.Actor);
        var node = _workflow.Node(activity.NodeId);
        switch (action)
        {
            case IncidentActions.Retry:
                activity.Attempt = 1;
                activity.Error = null;
                await StartAsync(node, incident.ActivityPath, activity, resume: null);
                break;
            case IncidentActions.Skip:
                await CompleteAsync(incident.ActivityPath, activity, [outcome ?? Activity.DoneOutcome], NullOutputs(activity, "skipped"));
                break;
            default:
                await EndRunAsync(RunStatus.Faulted, JournalKinds.RunFaulted, signal.Actor, $"Aborted by {signal.Actor} at {activity.NodeId}{(comment.Length > 0 ? $": {comment}" : string.Empty)}");
                return;
        }

        await CommitAsync();
    }

    /// <summary>
    /// An activity completed without executing (skipped at an incident, or found done by reconciliation after a
    /// crash) has none of the outputs an execution gives, so each declared output it did not produce reads as
    /// null: an expression later in the run that reads <c>outputs.&lt;id&gt;.&lt;name&gt;</c> gets null instead of a
    /// TypeError on an undefined object. Values of an earlier execution (a ForEach iteration) are not this one's
    /// and go. Returns the completion's journal data (<paramref name="how"/>: true), naming the outputs set null.
    /// </summary>
    private JsonObject NullOutputs(ActivityState activity, string how, IReadOnlyDictionary<string, JsonNode?>? produced = null)
    {
        var outputs = new JsonObject();
        foreach (var output in _engine.Registry.Get(activity.Type).Descriptor.Outputs)
        {
            if (produced is null || !produced.ContainsKey(output.Name))
            {
                outputs[output.Name] = null;
            }
        }

        _state.Outputs[activity.NodeId] = (JsonObject)outputs.DeepClone();
        return new JsonObject { [how] = true, ["outputs"] = outputs };
    }

    /// <summary>Ends the run: stops activities in flight, closes its bookmarks and commits the final status.</summary>
    private async Task EndRunAsync(RunStatus status, string kind, string? actor, string message)
    {
        await _runCancellation.CancelAsync();
        if (_inFlight.Count > 0)
        {
            try
            {
                await Task.WhenAll(_inFlight.Values).WaitAsync(_engine.Options.CancelGracePeriod, _engine.Time, _hostToken);
            }
            catch (TimeoutException)
            {
                // Activities that ignore cancellation are left behind; their results are never applied.
            }
        }

        foreach (var (path, activity) in _state.Activities)
        {
            if (activity.Status is ActivityStatus.Executing or ActivityStatus.Suspended or ActivityStatus.RetryPending or ActivityStatus.Waiting)
            {
                if (activity.BookmarkId is { } bookmarkId)
                {
                    _consumeBookmarks.Add(bookmarkId);
                    activity.BookmarkId = null;
                }

                if (activity.Status != ActivityStatus.Waiting)
                {
                    Append("ActivityCancelled", activity.NodeId, actor, $"{activity.NodeId} was stopped: the run ended.", PathData(path));
                }

                activity.Status = ActivityStatus.Cancelled;
            }
        }

        _state.Ready.Clear();
        _status = status;
        _finishedAt = Now();
        _fault = status == RunStatus.Faulted ? message : null;
        Append(kind, null, actor, message);
        _stateDirty = true;
        _ended = true;
        await CommitAsync();
    }
}

/// <summary>How an operator resolves an incident.</summary>
public static class IncidentActions
{
    /// <summary>Run the activity again (for an in-doubt command: the operator says it is safe).</summary>
    public const string Retry = "retry";

    /// <summary>Treat the activity as done, continuing on a chosen outcome.</summary>
    public const string Skip = "skip";

    /// <summary>End the run as faulted.</summary>
    public const string Abort = "abort";

    public static readonly IReadOnlyList<string> All = [Retry, Skip, Abort];
}
