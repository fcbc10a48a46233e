using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// What happens when a run is picked up with activities that were executing when their host
/// stopped: re-run if safe, reconcile with the real state if the activity can, otherwise an
/// in-doubt incident. A NonIdempotent command is never run twice without a person deciding so.
/// </summary>
internal sealed partial class RunExecution
{
    private async Task RecoverAsync()
    {
        var interrupted = _state.Activities
            .Where(a => (a.Value.Status == ActivityStatus.Executing && a.Value.OpenScopes == 0 && !IsComposite(a.Value)) || a.Value.Status == ActivityStatus.RetryPending)
            .ToList();
        if (interrupted.Count == 0)
        {
            return;
        }

        Append(JournalKinds.RunRecovered, null, null, $"Run picked up after an interruption; {interrupted.Count} activity(ies) were in progress.", new JsonObject
        {
            ["activities"] = new JsonArray([.. interrupted.Select(a => (JsonNode?)a.Key)]),
        });
        _stateDirty = true;
        foreach (var (path, activity) in interrupted)
        {
            await RecoverAsync(path, activity);
        }

        await CommitAsync();
    }

    private bool IsComposite(ActivityState activity) => _engine.Registry.Get(activity.Type) is CompositeActivity;

    private async Task RecoverAsync(string path, ActivityState activity)
    {
        var node = _workflow.Node(activity.NodeId);
        var implementation = _engine.Registry.Get(node.Type);
        var descriptor = implementation.Descriptor;
        var resilience = (node.Resilience ?? new ResilienceSettings()).Over(descriptor.DefaultResilience);
        if (activity.Status == ActivityStatus.RetryPending)
        {
            // The retry was committed before its delay began: it carries on where it was.
            await CommitAsync();
            Launch(node, path, activity, implementation, EvaluateInputs(node, descriptor, activity.Scope), null, resilience, activity.RetryAt ?? Now());
            return;
        }

        if (implementation is IReconcilableActivity reconcilable)
        {
            var context = CreateContext(node, path, activity, EvaluateInputs(node, descriptor, activity.Scope), null, activity.Attempt, _runCancellation.Token);
            ReconcileResult verdict;
            try
            {
                verdict = await reconcilable.ReconcileAsync(context);
            }
            catch (Exception ex)
            {
                verdict = ReconcileResult.Unknown($"Reconciliation failed: {ex.Message}");
            }

            Append(JournalKinds.ActivityReconciled, node.Id, null, $"{node.Id} reconciled after interruption: {verdict.Verdict}. {verdict.Explanation}", new JsonObject
            {
                ["verdict"] = verdict.Verdict.ToString(),
                ["explanation"] = verdict.Explanation,
            });
            switch (verdict.Verdict)
            {
                case ReconcileVerdict.AlreadyDone:
                    // What the reconciler read is kept; what only the lost execution would have given reads as null.
                    var data = NullOutputs(activity, "reconciled", context.Outputs);
                    ApplyContext(activity, context);
                    await CompleteAsync(path, activity, verdict.Outcomes ?? [Activity.DoneOutcome], data);
                    return;
                case ReconcileVerdict.NotDone:
                    await RestartAsync(node, path, activity);
                    return;
                default:
                    await OpenIncidentAsync(path, activity, IncidentKind.InDoubt, InDoubtMessage(node, verdict.Explanation), activity.Attempt);
                    return;
            }
        }

        if (descriptor.SideEffect == SideEffect.NonIdempotent)
        {
            await OpenIncidentAsync(path, activity, IncidentKind.InDoubt, InDoubtMessage(node, null), activity.Attempt);
            return;
        }

        await RestartAsync(node, path, activity);
    }

    private async Task RestartAsync(ActivityNode node, string path, ActivityState activity)
    {
        // Re-running counts as a new attempt of the same execution.
        activity.Attempt++;
        await StartAsync(node, path, activity, resume: null);
    }

    private static string InDoubtMessage(ActivityNode node, string? explanation) =>
        $"In doubt: the host stopped while {node.Type} '{node.Id}' was running, so the command may have run. "
        + (explanation is null ? string.Empty : explanation + " ")
        + "Check the real state, then retry (run it again), skip (treat it as done, choosing an outcome) or abort.";
}
