using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>
/// The site names a run was started with, checked against the configured topology before anything
/// else runs: a name that is no site would otherwise fault only at its first use, after earlier steps
/// changed things (failback reversed replication before it reached a bad standbySite), and two inputs
/// naming one site would send the runbook against itself. The topology is what both the lab and the
/// real drivers act on, so the check holds for either.
/// </summary>
[Activity("SitesConfigured", "Preflight", "Sites configured", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when every site the run names is a site of the configured topology and no two name the same site. Give the sites keyed by the workflow input that names each, e.g. {primarySite: input.primarySite, standbySite: input.standbySite}; a failure names the input and the configured sites.")]
public sealed class SitesConfigured : CheckActivity
{
    [Input(Description = "The sites the run names, keyed by the workflow input that names each (e.g. {primarySite: input.primarySite, standbySite: input.standbySite}). Each must be a configured site, and no two the same.", Required = true)]
    public Input<JsonObject> Sites { get; } = new();

    protected override Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var configured = Topology(context).Sites.Select(s => s.Name).ToList();
        string known = string.Join(", ", configured);
        var checkedItems = new List<string>();
        var problems = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (input, value) in context.Get(Sites))
        {
            string? site = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            checkedItems.Add($"{input}: {site ?? value?.ToJsonString() ?? "null"}");
            if (string.IsNullOrWhiteSpace(site))
            {
                problems.Add($"input '{input}' names no site (the sites are {known})");
            }
            else if (!configured.Contains(site, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"input '{input}' names site '{site}', which is not configured (the sites are {known})");
            }
            else if (named.TryGetValue(site, out string? other))
            {
                problems.Add($"inputs '{other}' and '{input}' both name site '{site}'; they must name different sites");
            }
            else
            {
                named[site] = input;
            }
        }

        checkedItems.Add($"configured sites: {known}");
        return Task.FromResult(problems.Count == 0
            ? CheckReport.Pass(checkedItems)
            : CheckReport.Fail(checkedItems, char.ToUpperInvariant(problems[0][0]) + string.Join("; ", problems)[1..] + "."));
    }
}
