using System.Text.Json.Nodes;
using RunbookHost.Exchange.Dns;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Dns;

/// <summary>Waits until every listed DNS server answers the CMS name with exactly the expected addresses.</summary>
[Activity("WaitForDnsConvergence", "DNS", "Wait for DNS convergence", Outcomes = [ConvergedOutcome, TimedOutOutcome],
    Description = "Asks every listed DNS server directly (no resolver cache) until all answer the name with exactly the expected addresses; polls durably; reports each server's answer.")]
public sealed class WaitForDnsConvergence : SccActivity
{
    public const string ConvergedOutcome = "Converged";
    public const string TimedOutOutcome = "TimedOut";

    [Input(Description = "The site whose CMS addresses are expected.", Required = true, DefaultValue = "standby")]
    public Input<string> Site { get; } = new();

    [Input(Description = "The DNS name to resolve; empty means the CMS name.")]
    public Input<string> RecordName { get; } = new();

    [Input(Description = "Expected addresses; empty means the site's CMS addresses.")]
    public Input<string[]> ExpectedAddresses { get; } = new();

    [Input(Description = "DNS servers to ask; empty means the DNS servers of the sites in serverSites.")]
    public Input<string[]> Servers { get; } = new();

    [Input(Description = "Whose DNS servers to ask when no servers are listed; empty means both sites (after a site failure, name the surviving site).")]
    public Input<string[]> ServerSites { get; } = new();

    [Input(Description = "How long to wait (TTL plus AD replication can take hours).", DefaultValue = "03:00:00")]
    public Input<TimeSpan> Timeout { get; } = new();

    [Input(Description = "Time between rounds of queries.", DefaultValue = "00:01:00")]
    public Input<TimeSpan> PollInterval { get; } = new();

    [Output(Description = "Per server: server, addresses, ttlSeconds, converged, error.")]
    public Output<JsonArray> Results { get; } = new();

    public override ValueTask<ActivityResult> ResumeAsync(ActivityExecutionContext context) => ExecuteAsync(context);

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        Polling.Since(context);
        var topology = Topology(context);
        var site = SiteOf(context, Site);
        string name = context.Get(RecordName) is { Length: > 0 } n ? n : topology.Cms.Name;
        var expected = ListOr(context, ExpectedAddresses, site.CmsAddresses).Order(StringComparer.Ordinal).ToList();
        var sites = ListOr(context, ServerSites, topology.Sites.Select(s => s.Name)).Select(topology.Site);
        var servers = ListOr(context, Servers, sites.SelectMany(s => s.DnsServers));
        var dns = Port<IDnsQuery>(context);
        var answers = await Task.WhenAll(servers.Select(server => dns.QueryAsync(server, name, context.CancellationToken)));
        var results = new JsonArray();
        var waiting = new List<string>();
        foreach (var answer in answers)
        {
            bool converged = answer.Error is null && answer.Addresses.Order(StringComparer.Ordinal).SequenceEqual(expected);
            results.Add(new JsonObject
            {
                ["server"] = answer.Server,
                ["addresses"] = new JsonArray([.. answer.Addresses.Select(a => (JsonNode?)a)]),
                ["ttlSeconds"] = answer.Ttl?.TotalSeconds,
                ["converged"] = converged,
                ["error"] = answer.Error,
            });
            if (!converged)
            {
                waiting.Add($"{answer.Server} answers {(answer.Error ?? string.Join(",", answer.Addresses))}");
            }
        }

        context.Set(Results, results);
        context.Record("DnsChecked", waiting.Count == 0
            ? $"All {answers.Length} DNS servers answer {name} = {string.Join(",", expected)}."
            : $"{name} should be {string.Join(",", expected)}; {string.Join("; ", waiting)}.", new JsonObject { ["results"] = results.DeepClone() });
        if (waiting.Count == 0)
        {
            return context.Complete(ConvergedOutcome);
        }

        if (Polling.TimedOut(context, context.Get(Timeout)))
        {
            return context.Complete(TimedOutOutcome);
        }

        return Polling.Again(context, context.Get(PollInterval), $"Waiting for DNS: {string.Join("; ", waiting)}");
    }
}
