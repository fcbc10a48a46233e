using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RunbookHost.Workflows.Expressions;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Runtime;

/// <summary>The engine's entry point: starts runs, executes them under a lease and queues stimuli.</summary>
internal sealed class WorkflowRuntime(
    EngineParts engine,
    WorkflowDefinitions definitions,
    RunWakeQueue wake,
    ILogger<WorkflowRuntime> logger) : IWorkflowRuntime
{
    private readonly ConcurrentDictionary<string, RunExecution?> _active = new(StringComparer.Ordinal);

    public async Task<string> StartAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        var compiled = await definitions.FindCompiledAsync(request.DefinitionId, request.Version, cancellationToken);
        if (compiled is null)
        {
            string message = await definitions.NothingToRunAsync(request.DefinitionId, request.Version, cancellationToken);
            throw new RunRequestException(message, [new(request.Version is null ? "definitionId" : "version", message)], notFound: true);
        }

        var definition = compiled.Definition;
        var input = BindInput(definition, request.Input);
        var now = JournalChain.Normalize(engine.Time.GetUtcNow());
        string runId = RunIds.New(now);
        var state = new RunState();
        foreach (var variable in definition.Variables)
        {
            state.Variables[variable.Name] = variable.Value?.DeepClone();
        }

        state.Ready.Add(new WorkItem(string.Empty, compiled.Definition.Root.Id, null));
        var started = JournalChain.Create(1, now, JournalKinds.RunStarted, null, request.StartedBy, $"{request.StartedBy} started {definition.DefinitionId} v{definition.Version}.", new JsonObject
        {
            ["definitionId"] = definition.DefinitionId,
            ["version"] = definition.Version,
            ["input"] = input.DeepClone(),
        }, JournalChain.Genesis);
        var run = new RunRecord
        {
            RunId = runId,
            DefinitionId = definition.DefinitionId,
            DefinitionVersion = definition.Version,
            Status = RunStatus.Running,
            StartedBy = request.StartedBy,
            StartedAt = now,
            UpdatedAt = now,
            Input = input,
            Version = 1,
            LastSeq = started.Seq,
            LastHash = started.Hash,
            State = state.Serialize(),
        };
        await engine.Store.CommitAsync(new RunCommit { Run = run, Journal = [started] }, cancellationToken);
        engine.Observers.Committed(run, [started]);
        Log.RunStarted(logger, runId, definition.DefinitionId, definition.Version, request.StartedBy);
        wake.Wake(runId);
        return runId;
    }

    private static JsonObject BindInput(WorkflowDefinition definition, JsonObject? given)
    {
        var errors = new List<ValidationError>();
        var bound = new JsonObject();
        var declared = definition.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var (name, _) in given ?? [])
        {
            if (!declared.ContainsKey(name))
            {
                errors.Add(new($"input.{name}", $"Workflow '{definition.DefinitionId}' has no input '{name}' (it has {(declared.Count == 0 ? "none" : string.Join(", ", declared.Keys))})."));
            }
        }

        foreach (var input in definition.Inputs)
        {
            var value = given?[input.Name] ?? input.DefaultValue;
            if (value is null)
            {
                if (input.Required)
                {
                    errors.Add(new($"input.{input.Name}", $"Input '{input.Name}' is required."));
                }

                continue;
            }

            if (!ValueConverter.IsConvertible(value, input.TypeName))
            {
                errors.Add(new($"input.{input.Name}", $"Input '{input.Name}' must be a {input.TypeName}."));
                continue;
            }

            bound[input.Name] = value.DeepClone();
        }

        if (errors.Count > 0)
        {
            throw new RunRequestException($"The input of '{definition.DefinitionId}' is not valid.", errors);
        }

        return bound;
    }

    public async Task ExecuteAsync(string runId, CancellationToken cancellationToken)
    {
        if (!_active.TryAdd(runId, null))
        {
            // Already executing here: the execution picks the new work up.
            if (_active.TryGetValue(runId, out var running))
            {
                running?.NotifySignal();
            }

            return;
        }

        try
        {
            bool again;
            do
            {
                again = await ExecuteLeasedAsync(runId, cancellationToken);
            }
            while (again && !cancellationToken.IsCancellationRequested);
        }
        finally
        {
            _active.TryRemove(runId, out _);
        }
    }

    /// <summary>Executes the run while holding its lease; true when signals arrived as it finished.</summary>
    private async Task<bool> ExecuteLeasedAsync(string runId, CancellationToken cancellationToken)
    {
        var options = engine.Options;
        var requested = engine.Time.GetUtcNow();
        var acquired = await engine.Store.AcquireAsync(runId, options.HostId, requested, requested + options.LeaseDuration, cancellationToken);
        if (acquired is not { Run: var run })
        {
            return false;
        }

        var lease = new LeaseClock { ValidUntil = requested + options.LeaseDuration };
        RunExecution? execution = null;
        try
        {
            var compiled = await definitions.GetCompiledAsync(run.DefinitionId, run.DefinitionVersion, cancellationToken);
            execution = new RunExecution(engine, compiled, run, cancellationToken, token => RenewAsync(runId, lease, token), new RunLease(options.HostId, lease.ValidUntil), acquired.SignalsWaiting);
            _active[runId] = execution;
            await using var renewal = StartLeaseRenewal(runId, execution, lease, cancellationToken);
            await execution.RunAsync();
        }
        catch (RunConcurrencyException)
        {
            Log.RunTakenOver(logger, runId);
            execution?.Abandon();
            return false;
        }
        finally
        {
            _active[runId] = null;
            if (execution is not { LeaseReleased: true })
            {
                await engine.Store.ReleaseLeaseAsync(runId, options.HostId, CancellationToken.None);
            }
        }

        if (execution is { LeaseReleased: true })
        {
            // It finished (and freed the lease as it did): whatever is queued for it now is dropped by the next execution.
            return false;
        }

        var after = await engine.Store.GetAsync(runId, cancellationToken);
        return after is { IsFinished: false } && (await engine.Store.GetSignalsAsync(runId, cancellationToken)).Count > 0;
    }

    /// <summary>Extends the lease now; the lease counts from when the request was sent, the safe side.</summary>
    private async Task<bool> RenewAsync(string runId, LeaseClock lease, CancellationToken cancellationToken) =>
        await TryRenewAsync(runId, lease, cancellationToken) == LeaseRenewal.Renewed;

    private async Task<LeaseRenewal> TryRenewAsync(string runId, LeaseClock lease, CancellationToken cancellationToken)
    {
        var sent = engine.Time.GetUtcNow();
        try
        {
            if (!await engine.Store.RenewLeaseAsync(runId, engine.Options.HostId, sent + engine.Options.LeaseDuration, cancellationToken))
            {
                return LeaseRenewal.Refused;
            }

            lease.ValidUntil = sent + engine.Options.LeaseDuration;
            return LeaseRenewal.Renewed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LeaseRenewalFailed(logger, runId, ex);
            return LeaseRenewal.Unreachable;
        }
    }

    private ITimer StartLeaseRenewal(string runId, RunExecution execution, LeaseClock lease, CancellationToken cancellationToken)
    {
        var period = engine.Options.LeaseDuration / 3;
        return engine.Time.CreateTimer(
            _ =>
            {
                _ = RenewOrStopAsync();
            },
            null,
            period,
            period);

        async Task RenewOrStopAsync()
        {
            if (execution.ReleasingLease)
            {
                return; // the run is finishing and frees the lease as it does
            }

            var renewal = await TryRenewAsync(runId, lease, cancellationToken);
            // Refused: another host holds it. Unreachable past its validity: another host may. Either way, stop;
            // unless the finishing commit freed the lease meanwhile.
            if (execution.ReleasingLease)
            {
                return;
            }

            if (renewal == LeaseRenewal.Refused || (renewal == LeaseRenewal.Unreachable && engine.Time.GetUtcNow() >= lease.ValidUntil))
            {
                Log.LeaseLost(logger, runId);
                execution.Abandon();
            }
        }
    }

    private enum LeaseRenewal
    {
        Renewed,
        Refused,
        Unreachable,
    }

    /// <summary>Until when this host may act on a run without renewing its lease.</summary>
    private sealed class LeaseClock
    {
        public DateTimeOffset ValidUntil { get; set; }
    }

    public async Task<SignalResult> ResumeAsync(string bookmarkId, JsonObject payload, string actor, CancellationToken cancellationToken)
    {
        var bookmark = await engine.Store.FindBookmarkAsync(bookmarkId, cancellationToken);
        if (bookmark is null)
        {
            return SignalResult.NotFound;
        }

        return await SignalAsync(new RunSignal
        {
            SignalId = Guid.NewGuid().ToString("N"),
            RunId = bookmark.RunId,
            Kind = SignalKind.Resume,
            BookmarkId = bookmarkId,
            Payload = payload,
            Actor = actor,
            At = engine.Time.GetUtcNow(),
        }, cancellationToken);
    }

    public Task<SignalResult> CancelAsync(string runId, string reason, string actor, CancellationToken cancellationToken) =>
        SignalAsync(new RunSignal
        {
            SignalId = Guid.NewGuid().ToString("N"),
            RunId = runId,
            Kind = SignalKind.Cancel,
            Payload = new JsonObject { ["reason"] = reason },
            Actor = actor,
            At = engine.Time.GetUtcNow(),
        }, cancellationToken);

    public async Task<SignalResult> ResolveIncidentAsync(string runId, string incidentId, string action, string? outcome, string comment, string actor, CancellationToken cancellationToken)
    {
        if (!IncidentActions.All.Contains(action))
        {
            throw new RunRequestException($"Unknown action '{action}'.", [new("action", $"Use one of {string.Join(", ", IncidentActions.All)}.")]);
        }

        var run = await engine.Store.GetAsync(runId, cancellationToken);
        var incident = run is null ? null : (await engine.Store.GetIncidentsAsync(runId, cancellationToken)).FirstOrDefault(i => i.IncidentId == incidentId);
        if (run is null || incident is null)
        {
            return SignalResult.NotFound;
        }

        if (!incident.IsOpen || run.IsFinished)
        {
            return SignalResult.Conflict;
        }

        if (action == IncidentActions.Skip)
        {
            var compiled = await definitions.GetCompiledAsync(run.DefinitionId, run.DefinitionVersion, cancellationToken);
            var node = compiled.Node(incident.ActivityId);
            var outcomes = engine.Registry.Get(node.Type).GetOutcomes(node);
            outcome ??= outcomes.Count == 1 ? outcomes[0] : null;
            if (outcome is null || !outcomes.Contains(outcome))
            {
                throw new RunRequestException(
                    outcome is null ? $"Skipping '{node.Id}' needs an outcome." : $"'{outcome}' is not an outcome of '{node.Id}'.",
                    [new("outcome", $"Choose one of {string.Join(", ", outcomes)} for '{node.Id}' ({node.Type}).")]);
            }
        }
        else
        {
            outcome = null;
        }

        return await SignalAsync(new RunSignal
        {
            SignalId = Guid.NewGuid().ToString("N"),
            RunId = runId,
            Kind = SignalKind.ResolveIncident,
            IncidentId = incidentId,
            Payload = new JsonObject { ["action"] = action, ["outcome"] = outcome, ["comment"] = comment },
            Actor = actor,
            At = engine.Time.GetUtcNow(),
        }, cancellationToken);
    }

    private async Task<SignalResult> SignalAsync(RunSignal signal, CancellationToken cancellationToken)
    {
        var result = await engine.Store.EnqueueSignalAsync(signal, cancellationToken);
        if (result == SignalResult.Accepted)
        {
            if (_active.TryGetValue(signal.RunId, out var execution))
            {
                execution?.NotifySignal();
            }

            wake.Wake(signal.RunId);
        }

        return result;
    }
}
