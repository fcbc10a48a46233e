using System.Text.Json.Nodes;
using Polly;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Descriptors;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Running one activity: inputs, intents, inline or background execution, retries, results.</summary>
internal sealed partial class RunExecution
{
    /// <summary>Starts (or resumes) an activity. Side-effecting activities get an intent committed first.</summary>
    private async Task StartAsync(ActivityNode node, string path, ActivityState activity, ResumeInput? resume)
    {
        var implementation = _engine.Registry.Get(node.Type);
        var descriptor = implementation.Descriptor;
        activity.Status = ActivityStatus.Executing;
        _stateDirty = true;

        IReadOnlyDictionary<string, JsonNode?> inputs;
        try
        {
            inputs = EvaluateInputs(node, descriptor, activity.Scope);
        }
        catch (ExpressionException ex)
        {
            await FaultAsync(path, activity, ex, IncidentKind.Fault);
            return;
        }

        if (implementation is CompositeActivity composite)
        {
            activity.StartedAt ??= Now();
            Append(JournalKinds.ActivityStarted, node.Id, null, $"{node.Id} started.", PathData(path));
            var context = CreateContext(node, path, activity, inputs, resume, activity.Attempt, _runCancellation.Token);
            ScopePlan plan;
            try
            {
                plan = composite.Begin(context);
            }
            catch (ExpressionException ex)
            {
                await FaultAsync(path, activity, ex, IncidentKind.Fault);
                return;
            }

            // Opening a composite's scope touches nothing outside the run: it is committed with its
            // first child's transition, before anything else happens.
            await ApplyPlanAsync(path, activity, node, context, plan);
            return;
        }

        var resilience = node.Resilience is null ? descriptor.DefaultResilience : node.Resilience.Over(descriptor.DefaultResilience);
        bool sideEffect = descriptor.SideEffect != SideEffect.None;
        bool pipeline = resilience.Timeout is not null || resilience.MaxAttempts > 1;
        if (sideEffect || pipeline)
        {
            activity.StartedAt ??= Now();
            if (resume is null)
            {
                AppendStarted(node, path, activity, descriptor.SideEffect);
            }

            await CommitAsync();
            Launch(node, path, activity, implementation, inputs, resume, resilience, initialDelay: null);
            return;
        }

        var inline = CreateContext(node, path, activity, inputs, resume, activity.Attempt, _runCancellation.Token);
        ValueTask<ActivityResult> pending;
        try
        {
            pending = resume is null ? implementation.ExecuteAsync(inline) : implementation.ResumeAsync(inline);
        }
        catch (Exception ex)
        {
            await FinishAsync(path, inline, null, ex);
            return;
        }

        // An inline activity without side effects that finished at once gets no record of its own
        // start: its completion (or its wait) is the one transition committed, and the time of that
        // transition is its start time where the state keeps it (one clock read less per step).
        if (pending.IsCompleted)
        {
            ActivityResult? result = null;
            Exception? error = null;
            try
            {
                result = pending.Result;
            }
            catch (Exception ex)
            {
                error = ex;
            }

            await FinishAsync(path, inline, result, error);
            return;
        }

        activity.StartedAt ??= Now();
        if (resume is null)
        {
            AppendStarted(node, path, activity, descriptor.SideEffect);
        }

        await CommitAsync();
        _inFlight[path] = AwaitPendingAsync(path, inline, pending);
    }

    private void AppendStarted(ActivityNode node, string path, ActivityState activity, SideEffect sideEffect) =>
        Append(JournalKinds.ActivityStarted, node.Id, null, StartedMessage(node.Id, activity.Attempt, sideEffect != SideEffect.None), StartedData(path, activity.Attempt, sideEffect));

    private static string StartedMessage(string id, int attempt, bool sideEffect) =>
        (sideEffect, attempt) switch
        {
            (true, 1) => $"{id} started (intent recorded).",
            (true, _) => $"{id} attempt {attempt} started (intent recorded).",
            (false, 1) => $"{id} started.",
            _ => $"{id} attempt {attempt} started.",
        };

    private static JsonObject? PathData(string path) => path.Contains('[', StringComparison.Ordinal) ? new JsonObject { ["path"] = path } : null;

    private static JsonObject? StartedData(string path, int attempt, SideEffect sideEffect)
    {
        if (sideEffect == SideEffect.None && attempt == 1)
        {
            return PathData(path);
        }

        var data = PathData(path) ?? [];
        data["attempt"] = attempt;
        if (sideEffect != SideEffect.None)
        {
            data["sideEffect"] = sideEffect.ToString();
            data["intent"] = true;
        }

        return data;
    }

    private async Task AwaitPendingAsync(string path, ActivityExecutionContext context, ValueTask<ActivityResult> pending)
    {
        try
        {
            var result = await pending;
            Post(new ExecutionEvent.Finished(path, context, result, null));
        }
        catch (Exception ex)
        {
            Post(new ExecutionEvent.Finished(path, context, null, ex));
        }
    }

    /// <summary>Runs an activity in the background through its Polly pipeline; each retry is committed before it waits.</summary>
    private void Launch(ActivityNode node, string path, ActivityState activity, Activity implementation, IReadOnlyDictionary<string, JsonNode?> inputs, ResumeInput? resume, ResilienceSettings resilience, DateTimeOffset? initialDelay)
    {
        int firstAttempt = activity.Attempt;
        int maxAttempts = Math.Max(resilience.MaxAttempts ?? 1, firstAttempt);
        var variables = VisibleVariables(activity.Scope);
        var token = _runCancellation.Token;
        var baseContext = CreateContext(node, path, activity, inputs, resume, firstAttempt, token, variables);
        _inFlight[path] = Task.Run(
            async () =>
            {
                ActivityExecutionContext context = baseContext;
                int attempt = firstAttempt - 1;
                try
                {
                    if (initialDelay is { } due && due > _engine.Time.GetUtcNow())
                    {
                        await Task.Delay(due - _engine.Time.GetUtcNow(), _engine.Time, token);
                    }

                    var pipeline = ResiliencePipelines.Build(
                        resilience,
                        maxAttempts - firstAttempt,
                        _engine.Time,
                        ex => ex is not ExpressionException and not LeaseLostException && !(ex is OperationCanceledException && token.IsCancellationRequested),
                        (delay, error) => CheckpointFromTaskAsync(path, attempt, delay, error, context.Entries));
                    var result = await pipeline.ExecuteAsync(
                        async attemptToken =>
                        {
                            attempt++;
                            if (attempt > firstAttempt || initialDelay is not null)
                            {
                                await CheckpointFromTaskAsync(path, attempt, null, null, null);
                            }

                            context = CreateContext(node, path, activity, inputs, resume, attempt, attemptToken, variables);
                            return resume is null ? await implementation.ExecuteAsync(context) : await implementation.ResumeAsync(context);
                        },
                        token);
                    Post(new ExecutionEvent.Finished(path, context, result, null));
                }
                catch (Exception ex)
                {
                    Post(new ExecutionEvent.Finished(path, context, null, ex));
                }
            },
            CancellationToken.None);
    }

    private async ValueTask CheckpointFromTaskAsync(string path, int attempt, TimeSpan? delay, Exception? error, IReadOnlyList<JournalEntry>? entries)
    {
        var ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new ExecutionEvent.Checkpoint(path, attempt, delay, error, entries, ack));
        await ack.Task;
    }

    private async Task CheckpointAsync(ExecutionEvent.Checkpoint checkpoint)
    {
        var activity = _state.Activities[checkpoint.Path];
        var descriptor = _engine.Registry.Get(activity.Type).Descriptor;
        if (checkpoint.Delay is { } delay)
        {
            AppendEntries(activity.NodeId, checkpoint.Entries); // what the failed attempt ran
            activity.Status = ActivityStatus.RetryPending;
            activity.Attempt = checkpoint.Attempt + 1;
            activity.RetryAt = Now() + delay;
            activity.Error = checkpoint.Error?.Message;
            var data = new JsonObject
            {
                ["failedAttempt"] = checkpoint.Attempt,
                ["nextAttempt"] = checkpoint.Attempt + 1,
                ["delaySeconds"] = delay.TotalSeconds,
                ["retryAt"] = activity.RetryAt,
                ["error"] = checkpoint.Error?.Message,
            };
            Append(JournalKinds.RetryScheduled, activity.NodeId, null, $"{activity.NodeId} attempt {checkpoint.Attempt} failed: {checkpoint.Error?.Message} Retrying in {delay.TotalSeconds:0.###} s.", data);
        }
        else
        {
            activity.Status = ActivityStatus.Executing;
            activity.Attempt = checkpoint.Attempt;
            activity.RetryAt = null;
            Append(JournalKinds.ActivityStarted, activity.NodeId, null, StartedMessage(activity.NodeId, checkpoint.Attempt, descriptor.SideEffect != SideEffect.None), StartedData(checkpoint.Path, checkpoint.Attempt, descriptor.SideEffect) ?? new JsonObject { ["attempt"] = checkpoint.Attempt });
        }

        _stateDirty = true;
        await CommitAsync();
    }

    /// <summary>Applies what an execution produced and commits it.</summary>
    private async Task FinishAsync(string path, ActivityExecutionContext context, ActivityResult? result, Exception? error)
    {
        if (!_state.Activities.TryGetValue(path, out var activity) || activity.Status is ActivityStatus.Cancelled or ActivityStatus.Completed)
        {
            return;
        }

        if (error is not null)
        {
            if (error is OperationCanceledException && _runCancellation.IsCancellationRequested)
            {
                return;
            }

            if (error is LeaseLostException)
            {
                Abandon();
                return;
            }

            AppendEntries(activity.NodeId, context.Entries);
            await FaultAsync(path, activity, error, IncidentKind.Fault);
            return;
        }

        ApplyContext(activity, context);
        switch (result)
        {
            case ActivityResult.Completed completed:
                await CompleteAsync(path, activity, completed.Outcomes);
                break;
            case ActivityResult.Suspended suspended:
                Suspend(path, activity, suspended.Bookmark);
                break;
            case ActivityResult.FailRun fail:
                Append(JournalKinds.ActivityCompleted, activity.NodeId, null, $"{activity.NodeId} ended the run: {fail.Reason}", PathData(path));
                activity.Status = ActivityStatus.Completed;
                activity.CompletedAt = Now();
                activity.StartedAt ??= activity.CompletedAt;
                await EndRunAsync(RunStatus.Faulted, JournalKinds.RunFaulted, null, fail.Reason);
                return;
            default:
                await FaultAsync(path, activity, new InvalidOperationException($"{activity.Type} returned no result."), IncidentKind.Fault);
                return;
        }

        if (_state.Ready.Count == 0 && _inFlight.Count == 0 && !_signalsPending)
        {
            // Nothing else can happen before the run settles, which commits this transition with its own.
            return;
        }

        await CommitAsync();
    }

    private void ApplyContext(ActivityState activity, ActivityExecutionContext context)
    {
        if (context.Outputs is { Count: > 0 } outputs)
        {
            var merged = _state.Outputs.TryGetValue(activity.NodeId, out var existing) ? (JsonObject)existing.DeepClone() : [];
            foreach (var (name, value) in outputs)
            {
                merged[name] = value?.DeepClone();
            }

            _state.Outputs[activity.NodeId] = merged;
        }

        if (context.VariableWrites is { Count: > 0 } writes)
        {
            foreach (var (name, value) in writes)
            {
                SetVariable(activity.Scope, name, value);
                Append(JournalKinds.VariableSet, activity.NodeId, null, $"Variable '{name}' set.", new JsonObject { ["variable"] = name, ["value"] = value?.DeepClone() });
            }
        }

        AppendEntries(activity.NodeId, context.Entries);
        activity.State = context.StateToKeep;
    }

    /// <summary>The records an execution made (e.g. each command it ran), kept whether it succeeded or failed.</summary>
    private void AppendEntries(string activityId, IReadOnlyList<JournalEntry>? entries)
    {
        foreach (var entry in entries ?? [])
        {
            Append(entry.Kind, activityId, entry.Actor, entry.Message, entry.Data);
        }
    }

    private void Suspend(string path, ActivityState activity, BookmarkRequest request)
    {
        string id = Guid.NewGuid().ToString("N");
        var bookmark = new Bookmark
        {
            BookmarkId = id,
            RunId = _run.RunId,
            ActivityPath = path,
            ActivityId = activity.NodeId,
            Name = request.Name,
            Hash = BookmarkHash.Of(request.Name, request.Stimulus),
            Payload = request.Payload,
            CreatedAt = Now(),
            ResumeAt = request.ResumeAt is { } at ? JournalChain.Normalize(at) : null,
        };
        activity.Status = ActivityStatus.Suspended;
        activity.StartedAt ??= bookmark.CreatedAt;
        activity.BookmarkId = id;
        _addBookmarks.Add(bookmark);
        string kind = request.Name switch
        {
            "Approval" => JournalKinds.ApprovalRequested,
            "ManualStep" => JournalKinds.ManualStepRequested,
            _ => JournalKinds.BookmarkCreated,
        };
        var data = (JsonObject)request.Payload.DeepClone();
        data["bookmarkId"] = id;
        string title = request.Payload["title"]?.ToString() ?? request.Name;
        Append(kind, activity.NodeId, null, $"{activity.NodeId} waits: {title}.", data);
        _stateDirty = true;
    }

    private async Task FaultAsync(string path, ActivityState activity, Exception error, IncidentKind kind)
    {
        string message = error is Polly.Timeout.TimeoutRejectedException
            ? $"Timed out: {error.Message}"
            : error.Message;
        await OpenIncidentAsync(path, activity, kind, message, activity.Attempt, error.GetType().Name);
    }

    private async Task OpenIncidentAsync(string path, ActivityState activity, IncidentKind kind, string message, int attempts, string? errorType = null)
    {
        var incident = new Incident
        {
            IncidentId = Guid.NewGuid().ToString("N"),
            RunId = _run.RunId,
            ActivityPath = path,
            ActivityId = activity.NodeId,
            Kind = kind,
            Message = message,
            OpenedAt = Now(),
            Attempts = attempts,
        };
        activity.Status = ActivityStatus.Faulted;
        activity.StartedAt ??= incident.OpenedAt;
        activity.IncidentId = incident.IncidentId;
        activity.Error = message;
        _incidents.Add(incident);
        if (kind == IncidentKind.Fault)
        {
            Append(JournalKinds.ActivityFaulted, activity.NodeId, null, $"{activity.NodeId} failed after {attempts} attempt(s): {message}", new JsonObject { ["error"] = message, ["errorType"] = errorType, ["attempts"] = attempts });
        }

        Append(JournalKinds.IncidentOpened, activity.NodeId, null, $"Incident ({kind}) on {activity.NodeId}: {message}", new JsonObject { ["incidentId"] = incident.IncidentId, ["kind"] = kind.ToString(), ["message"] = message });
        _stateDirty = true;
        await CommitAsync();
    }
}
