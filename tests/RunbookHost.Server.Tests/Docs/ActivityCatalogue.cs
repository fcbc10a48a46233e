using System.Text;
using RunbookHost.Workflows.Descriptors;

namespace RunbookHost.Server.Tests.Docs;

/// <summary>Renders docs/activities.md from the descriptors the host registers.</summary>
internal static class ActivityCatalogue
{
    public static string Render(ActivityRegistry registry)
    {
        var md = new StringBuilder();
        md.AppendLine("# Activity catalogue").AppendLine();
        md.AppendLine("Generated from the activity descriptors the host registers (`GET /api/activities` serves the same data).");
        md.AppendLine("Regenerate with `RUNBOOK_WRITE_DOCS=1 dotnet test --project tests/RunbookHost.Server.Tests -- --filter ActivityCatalogue`;");
        md.AppendLine("a test fails when this file and the code disagree.").AppendLine();
        md.AppendLine("Side effects decide crash recovery: `None` and `Idempotent` activities are run again after an interruption;");
        md.AppendLine("a reconcilable activity first asks the real system whether it took effect; any other `NonIdempotent` one opens an");
        md.AppendLine("in-doubt incident for an operator instead of running twice.").AppendLine();
        foreach (var category in registry.Descriptors.GroupBy(d => d.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            md.AppendLine($"## {category.Key}").AppendLine();
            foreach (var d in category.OrderBy(d => d.Type, StringComparer.Ordinal))
            {
                md.AppendLine($"### {d.Type} — {d.DisplayName}").AppendLine();
                md.AppendLine(d.Description).AppendLine();
                string resilience = d.DefaultResilience.MaxAttempts is > 1
                    ? $"; retries: {d.DefaultResilience.MaxAttempts} attempts, {d.DefaultResilience.Backoff} backoff from {d.DefaultResilience.Delay}"
                    : string.Empty;
                md.AppendLine($"Side effect: **{d.SideEffect}**{(d.Reconcilable ? " (reconciles after a crash)" : string.Empty)}{resilience}. ")
                  .AppendLine($"Outcomes: {(d.Outcomes.Count == 0 ? "none (ends the run)" : string.Join(", ", d.Outcomes.Select(o => $"`{o}`")))}.").AppendLine();
                if (d.Inputs.Count > 0)
                {
                    md.AppendLine("| input | type | required | default | description |").AppendLine("| --- | --- | --- | --- | --- |");
                    foreach (var i in d.Inputs)
                    {
                        string options = i.Options is { Count: > 0 } o ? $" One of: {string.Join(", ", o)}." : string.Empty;
                        md.AppendLine($"| `{i.Name}` | {i.TypeName} | {(i.Required ? "yes" : "no")} | {(i.DefaultValue is null ? string.Empty : $"`{i.DefaultValue.ToJsonString().Trim('"')}`")} | {Cell(i.Description)}{options} |");
                    }

                    md.AppendLine();
                }

                if (d.Outputs.Count > 0)
                {
                    md.AppendLine("| output | type | description |").AppendLine("| --- | --- | --- |");
                    foreach (var o in d.Outputs)
                    {
                        md.AppendLine($"| `{o.Name}` | {o.TypeName} | {Cell(o.Description)} |");
                    }

                    md.AppendLine();
                }
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
