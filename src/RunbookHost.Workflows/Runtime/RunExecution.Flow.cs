using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Activities.Flow;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Token flow: arrivals, joins, scopes and how the run settles.</summary>
internal sealed partial class RunExecution
{
    private const string Recheck = "*";

    private static string PathOf(string scope, string nodeId) => scope.Length == 0 ? nodeId : string.Concat(scope, "/", nodeId);

    private async Task ArriveAsync(WorkItem item)
    {
        var links = _workflow.Links(item.NodeId);
        var node = links.Node;
        string path = PathOf(item.Scope, node.Id);
        if (links.Graph is null || (links.Inbound.Count <= 1 && node.Type != Join.Type))
        {
            var fresh = NewActivity(path, node, item.Scope);
            await StartAsync(node, path, fresh, resume: null);
            return;
        }

        if (!_state.Activities.TryGetValue(path, out var join))
        {
            join = NewActivity(path, node, item.Scope);
            join.Status = ActivityStatus.Waiting;
            join.Arrived = [];
        }

        if (join.Status != ActivityStatus.Waiting)
        {
            // A WaitAny join that already fired absorbs later branches.
            _stateDirty = true;
            await CloseScopeIfDoneAsync(item.Scope);
            return;
        }

        if (item.From is not null and not Recheck)
        {
            join.Arrived!.Add(item.From);
            _stateDirty = true;
        }

        if (JoinReady(node, join))
        {
            await StartAsync(node, path, join, resume: null);
        }
        else
        {
            await CloseScopeIfDoneAsync(item.Scope);
        }
    }

    private ActivityState NewActivity(string path, ActivityNode node, string scope)
    {
        var state = new ActivityState { NodeId = node.Id, Type = node.Type, Scope = scope, Attempt = 1 };
        _state.Activities[path] = state;
        return state;
    }

    private bool JoinReady(ActivityNode node, ActivityState join)
    {
        if (join.Arrived!.Count > 0 && IsWaitAny(node))
        {
            return true;
        }

        var graph = _workflow.GraphOf(node.Id)!;
        var missing = graph.Inbound(node.Id)
            .Where(c => !join.Arrived.Contains($"{c.Source.Activity}:{c.Source.Port}"))
            .ToList();
        if (missing.Count == 0)
        {
            return true;
        }

        // Branches that can no longer arrive (a Decision took the other port, a branch ended) do not count.
        var live = graph.ReachableFrom(LiveNodes(join.Scope, except: node.Id));
        return missing.TrueForAll(c => !live.Contains(c.Source.Activity)) && join.Arrived.Count > 0;
    }

    private static bool IsWaitAny(ActivityNode node) =>
        node.Type == Join.Type && string.Equals(node.GetInput("mode")?.Expression.Text, nameof(JoinMode.WaitAny), StringComparison.OrdinalIgnoreCase);

    private IEnumerable<string> LiveNodes(string scope, string except)
    {
        foreach (var item in _state.Ready)
        {
            if (item.Scope == scope)
            {
                yield return item.NodeId;
            }
        }

        foreach (var activity in _state.Activities.Values)
        {
            if (activity.Scope == scope && activity.NodeId != except && (activity.IsActive || activity.Status == ActivityStatus.Waiting))
            {
                yield return activity.NodeId;
            }
        }
    }

    /// <summary>Marks an activity completed, follows its outcome ports and closes its scope when nothing is left in it.</summary>
    private async Task CompleteAsync(string path, ActivityState activity, IReadOnlyList<string> outcomes, JsonObject? data = null)
    {
        activity.Status = ActivityStatus.Completed;
        if (!Retires(activity))
        {
            activity.Outcomes = [.. outcomes]; // the flow reads them (the root's end, a fired join)
        }

        var completedAt = Now();
        activity.CompletedAt = completedAt;
        activity.StartedAt ??= completedAt; // finished as it started (see StartAsync)
        activity.RetryAt = null;
        activity.Error = null;
        string message = string.Concat(activity.NodeId, " completed: ", outcomes.Count == 1 ? outcomes[0] : string.Join(", ", outcomes), ".");
        var completion = new CompletionData(outcomes, path.Contains('[', StringComparison.Ordinal) ? path : null, activity.Attempt);
        if (data is null)
        {
            Append(JournalKinds.ActivityCompleted, activity.NodeId, message, completion, completedAt);
        }
        else
        {
            completion.AddTo(data);
            Append(JournalKinds.ActivityCompleted, activity.NodeId, null, message, data, completedAt);
        }

        _stateDirty = true;

        var links = _workflow.Links(activity.NodeId);
        if (links.Graph is not null)
        {
            var outbound = links.Outbound;
            for (int i = 0; i < outbound.Count; i++)
            {
                var connection = outbound[i];
                if (outcomes.Contains(connection.Source.Port))
                {
                    _state.Ready.Add(new WorkItem(activity.Scope, connection.Target.Activity, $"{activity.NodeId}:{connection.Source.Port}"));
                }
            }
        }

        Retire(path, activity);
        await CloseScopeIfDoneAsync(activity.Scope);
    }

    /// <summary>
    /// Drops a completed activity from the live state (its completion is in the journal), unless the
    /// flow still reads it: the root (the run's end) and joins (a join that fired absorbs later branches).
    /// </summary>
    private void Retire(string path, ActivityState activity)
    {
        if (Retires(activity))
        {
            _state.Activities.Remove(path);
        }
    }

    private static bool Retires(ActivityState activity) => activity.Scope.Length > 0 && activity.Type != Join.Type;

    private bool ReadyIn(string scope)
    {
        foreach (var item in _state.Ready)
        {
            if (item.Scope == scope)
            {
                return true;
            }
        }

        return false;
    }

    private async Task CloseScopeIfDoneAsync(string scope)
    {
        if (scope.Length == 0 || !_state.Scopes.TryGetValue(scope, out var scopeState))
        {
            return;
        }

        bool waitingJoins = false;
        foreach (var (path, activity) in _state.Activities)
        {
            if (activity.Scope != scope)
            {
                continue;
            }

            if (activity.IsActive)
            {
                return;
            }

            if (activity.Status == ActivityStatus.Waiting)
            {
                waitingJoins = true;
                if (JoinReady(_workflow.Node(activity.NodeId), activity))
                {
                    _state.Ready.Add(new WorkItem(scope, activity.NodeId, Recheck));
                }
            }
        }

        if (waitingJoins || ReadyIn(scope))
        {
            return;
        }

        _state.Scopes.Remove(scope);
        var owner = _state.Activities[scopeState.OwnerPath];
        owner.OpenScopes--;
        var ownerNode = _workflow.Node(owner.NodeId);
        var composite = (CompositeActivity)_engine.Registry.Get(owner.Type);
        var context = CreateContext(ownerNode, scopeState.OwnerPath, owner, EvaluateInputs(ownerNode, composite.Descriptor, owner.Scope), resume: null, attempt: owner.Attempt, _runCancellation.Token);
        var plan = composite.Continue(context, scopeState.Index);
        await ApplyPlanAsync(scopeState.OwnerPath, owner, ownerNode, context, plan);
    }

    private async Task ApplyPlanAsync(string path, ActivityState activity, ActivityNode node, ActivityExecutionContext context, ScopePlan plan)
    {
        activity.State = context.StateToKeep;
        foreach (var child in plan.Open)
        {
            string scopeId = child.Body is null ? path : $"{path}[{child.Index}]";
            var locals = new Dictionary<string, JsonNode?>(child.Locals, StringComparer.Ordinal);
            _state.Scopes[scopeId] = new ScopeState { Id = scopeId, Parent = activity.Scope, OwnerPath = path, Index = child.Index, Locals = locals };
            activity.OpenScopes++;
            string start = child.Body?.Id ?? _workflow.Graph(child.Owner.Id).Start!;
            _state.Ready.Add(new WorkItem(scopeId, start, null));
        }

        _stateDirty = true;
        if (plan.Complete && activity.OpenScopes == 0)
        {
            await CompleteAsync(path, activity, [Activity.DoneOutcome]);
        }
    }

    /// <summary>Nothing is running or ready: decide the run's status and commit it.</summary>
    private async Task SettleAsync()
    {
        var root = _state.Activities.GetValueOrDefault(_workflow.Definition.Root.Id);
        if (_finishedAt is null)
        {
            if (root?.Status == ActivityStatus.Completed)
            {
                _status = RunStatus.Completed;
                _finishedAt = Now();
                Append(JournalKinds.RunCompleted, null, null, "Run completed.");
            }
            else if (_state.Activities.Values.Any(a => a.Status == ActivityStatus.Faulted))
            {
                _status = RunStatus.Faulted;
            }
            else if (_state.Activities.Values.Any(a => a.Status == ActivityStatus.Suspended))
            {
                if (_status != RunStatus.Suspended)
                {
                    Append(JournalKinds.RunSuspended, null, null, "Run waits: " + string.Join(", ", _state.Activities.Values.Where(a => a.Status == ActivityStatus.Suspended).Select(a => a.NodeId)) + ".");
                }

                _status = RunStatus.Suspended;
            }
            else
            {
                _status = RunStatus.Faulted;
                _finishedAt = Now();
                _fault = "The run has nothing left to do but did not reach its end.";
                Append(JournalKinds.RunFaulted, null, null, _fault);
            }

            _stateDirty |= _status != _run.Status;
        }

        await CommitAsync();
    }
}
