using RunbookHost.Exchange.Network;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Preflight;

/// <summary>Duplicate-name guard: nothing may answer as the CMS before it is recovered elsewhere.</summary>
[Activity("CmsNameNotOnline", "Preflight", "CMS name not online", Outcomes = [PassedOutcome, FailedOutcome],
    Description = "Passes when neither the CMS name nor any of its addresses at either site answers on the network (a second CMS would be a duplicate name or IP).")]
public sealed class CmsNameNotOnline : CheckActivity
{
    protected override async Task<CheckReport> CheckAsync(ActivityExecutionContext context)
    {
        var topology = Topology(context);
        var targets = new[] { topology.Cms.Name }.Concat(topology.Sites.SelectMany(s => s.CmsAddresses)).ToList();
        var probe = Port<INetworkProbe>(context);
        var results = await Task.WhenAll(targets.Select(t => probe.ProbeAsync(t, context.CancellationToken)));
        var answering = results.Where(r => r.Answers).ToList();
        var checkedItems = results.Select(r => $"{r.Target}: {(r.Answers ? "answers" : "no answer")}").ToList();
        return answering.Count == 0
            ? CheckReport.Pass(checkedItems)
            : CheckReport.Fail(checkedItems, $"{string.Join(", ", answering.Select(a => $"{a.Target} answers ({a.Detail})"))}: the CMS is still online somewhere; recovering it now would duplicate its name.");
    }
}
