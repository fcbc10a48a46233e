using RunbookHost.Workflows.Activities;

namespace RunbookHost.TestHost.Activities;

/// <summary>
/// A command that must happen exactly once: it appends <c>&lt;runId&gt; &lt;path&gt;</c> to the
/// side-effect file. Like a storage flip it can look at the world after a crash: the line is
/// there (AlreadyDone) or not (NotDone). It takes a little time before and after the write so
/// that a kill can land on either side of it.
/// </summary>
[Activity("Test.SideEffect", "Test", "Side effect", SideEffect = SideEffect.NonIdempotent,
    Description = "Appends one line per execution to the side-effect file; reconciles by looking for it.")]
internal sealed class SideEffectActivity(SideEffectFile file, TestHostSettings settings) : Activity, IReconcilableActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        string line = Line(context);
        await Task.Delay(settings.CommandDuration, context.Time, context.CancellationToken);
        // The irreversible part: confirm this host still owns the run first (a host that stalled past
        // its lease must not write after the adopting host re-ran the command).
        await context.FenceAsync();
        await file.AppendAsync(line, context.Time);
        TestHostOutput.Effect(line);
        await Task.Delay(settings.CommandDuration, context.Time, CancellationToken.None);
        return context.Done();
    }

    public async ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context)
    {
        if (!settings.Reconcile)
        {
            return ReconcileResult.NotDone("Reconciliation is switched off (--reconcile false).");
        }

        string line = Line(context);
        return await file.ContainsAsync(line, context.Time)
            ? ReconcileResult.AlreadyDone($"'{line}' is in the side-effect file.")
            : ReconcileResult.NotDone($"'{line}' is not in the side-effect file.");
    }

    private static string Line(ActivityExecutionContext context) => $"{context.Run.RunId} {context.Path}";
}
