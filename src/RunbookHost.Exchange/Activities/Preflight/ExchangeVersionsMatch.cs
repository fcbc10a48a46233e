using RunbookHost.Exchange.Inspection;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>
/// All reachable nodes of both sites run the same Exchange build, or the nodes checked run the build
/// named or the CMS's build in AD: /recoverCMS refuses on a node whose build differs from the CMS's in
/// AD, and nodes that agree with each other can still all differ from it (failure mode 5).
/// </summary>
[Activity("ExchangeVersionsMatch", "Preflight", "Exchange versions match", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when every node that answers runs the same Exchange build (service pack); nodes that do not answer are listed, not counted. Given a build, or a CMS whose build in Active Directory (Get-ExchangeServer) the nodes must run, passes only when every node checked answers and runs that build; a CMS that AD does not know fails.")]
public sealed class ExchangeVersionsMatch : CheckActivity
{
    [Input(Description = "Sites to include; empty means both.")]
    public Input<string[]> Sites { get; } = new();

    [Input(Description = "Nodes to check, of any site; empty means every node of the sites.")]
    public Input<string[]> Nodes { get; } = new();

    [Input(Description = "The build every node checked must run (e.g. 8.1.240.6); a node that does not answer then fails the check. Empty means the nodes only have to agree.")]
    public Input<string> Build { get; } = new();

    [Input(Description = "A CMS (e.g. the workflow's cmsName input) whose Exchange build in Active Directory every node checked must run, as /recoverCMS requires; a node that does not answer then fails the check. Empty means no AD build is required.")]
    public Input<string> CmsBuildOf { get; } = new();

    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var topology = Topology(context);
        var nodes = context.Get(Nodes) is { Length: > 0 } named
            ? [.. named.Select(n => topology.SiteOfNode(n).Nodes.First(k => string.Equals(k, n, StringComparison.OrdinalIgnoreCase)))]
            : ListOr(context, Sites, topology.Sites.Select(s => s.Name)).Select(topology.Site).SelectMany(s => s.Nodes).ToList();
        string? required = context.Get(Build) is { Length: > 0 } build ? build : null;
        var inspection = Port<IExchangeInspection>(context);
        var log = Commands(context);
        var checkedItems = new List<string>();
        string? cms = context.Get(CmsBuildOf) is { Length: > 0 } cmsName ? cmsName : null;
        string? adBuild = null;
        if (cms is not null)
        {
            adBuild = await inspection.GetCmsBuildAsync(cms, log, context.CancellationToken);
            if (adBuild is null)
            {
                return CheckReport.Fail([$"AD: CMS {cms}"], $"Active Directory has no clustered mailbox server '{cms}', so there is no build the nodes must run.");
            }

            checkedItems.Add($"{cms} in Active Directory: {adBuild}");
            if (required is not null && !string.Equals(required, adBuild, StringComparison.OrdinalIgnoreCase))
            {
                return CheckReport.Fail(checkedItems, $"The build required, {required}, is not {cms}'s build in Active Directory, {adBuild}.");
            }

            required = adBuild;
        }

        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var silent = new List<string>();
        foreach (string node in nodes)
        {
            try
            {
                var installation = await inspection.GetInstallationAsync(node, log, context.CancellationToken);
                versions[node] = installation.Version ?? "not installed";
                checkedItems.Add($"{node}: {versions[node]}");
            }
            catch (Commands.PortException ex)
            {
                silent.Add(node);
                checkedItems.Add($"{node}: does not answer ({ex.Message})");
            }
        }

        if (required is not null)
        {
            var other = versions.Where(v => !string.Equals(v.Value, required, StringComparison.OrdinalIgnoreCase)).ToList();
            var problems = other.Select(v => $"{v.Key} runs {v.Value}").Concat(silent.Select(n => $"{n} does not answer")).ToList();
            string expected = adBuild is null ? required : $"{cms}'s build in Active Directory, {required}";
            return problems.Count == 0
                ? CheckReport.Pass(checkedItems)
                : CheckReport.Fail(checkedItems, $"Not every node runs {expected}: {string.Join("; ", problems)}.");
        }

        var distinct = versions.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return distinct.Count <= 1
            ? CheckReport.Pass(checkedItems)
            : CheckReport.Fail(checkedItems, "Exchange builds differ: " + string.Join("; ", versions.GroupBy(v => v.Value).Select(g => $"{g.Key} on {string.Join(", ", g.Select(v => v.Key))}")) + ".");
    }
}
