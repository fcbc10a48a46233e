using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>What a preflight check looked at and, when it failed, why.</summary>
public sealed record CheckReport(bool Passed, IReadOnlyList<string> Checked, string? Reason)
{
    public static CheckReport Pass(IReadOnlyList<string> checkedItems) => new(true, checkedItems, null);

    public static CheckReport Fail(IReadOnlyList<string> checkedItems, string reason) => new(false, checkedItems, reason);
}

/// <summary>
/// A preflight check: it reads the real state, never changes it, and continues on <c>Passed</c> or
/// <c>Failed</c>, recording what it checked and why it failed.
/// </summary>
public abstract class CheckActivity : SccActivity
{
    public const string PassedOutcome = "Passed";
    public const string FailedOutcome = "Failed";

    [Output(Description = "Whether the check passed.")]
    public Output<bool> Passed { get; } = new();

    [Output(Description = "What the check looked at.")]
    public Output<string[]> Checked { get; } = new();

    [Output(Description = "Why it failed.")]
    public Output<string> Reason { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var report = await CheckAsync(context);
        context.Set(Passed, report.Passed);
        context.Set(Checked, [.. report.Checked]);
        context.Set(Reason, report.Reason ?? string.Empty);
        string name = Descriptor.DisplayName;
        context.Record(
            report.Passed ? "CheckPassed" : "CheckFailed",
            report.Passed ? $"{name}: passed ({string.Join("; ", report.Checked)})." : $"{name}: FAILED: {report.Reason}",
            new JsonObject
            {
                ["check"] = Descriptor.Type,
                ["passed"] = report.Passed,
                ["checked"] = new JsonArray([.. report.Checked.Select(c => (JsonNode?)c)]),
                ["reason"] = report.Reason,
            });
        return context.Complete(report.Passed ? PassedOutcome : FailedOutcome);
    }

    protected abstract Task<CheckReport> CheckAsync(ActivityExecutionContext context);
}
