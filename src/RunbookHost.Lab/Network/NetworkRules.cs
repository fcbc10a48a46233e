using System.Net;
using RunbookHost.Exchange.Network;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Network;

/// <summary>ping against the lab: the CMS name, its addresses, nodes, clusters and DNS servers.</summary>
internal static class NetworkRules
{
    public static LabOutcome<ProbeResult> Probe(LabState state, DateTimeOffset now, string target)
    {
        var command = new LabCommand(target, $"ping -n 2 {target}");
        string host = IPAddress.TryParse(target, out _) ? target : target.Split('.')[0];
        string? answering = Answering(state, host, out string? resolved);
        if (answering is not null)
        {
            string output = $"Pinging {target} [{answering}] with 32 bytes of data:\nReply from {answering}: bytes=32 time=1ms TTL=128\nReply from {answering}: bytes=32 time<1ms TTL=128\n";
            return command.Ok(new ProbeResult(target, true, $"Reply from {answering}"), output, Durations.Ping);
        }

        if (resolved is null)
        {
            string output = $"Ping request could not find host {target}. Please check the name and try again.\n";
            return new LabOutcome<ProbeResult>([command.Record(1, output, Durations.Ping)], new ProbeResult(target, false, "could not find host"), null);
        }

        string timedOut = $"Pinging {target} [{resolved}] with 32 bytes of data:\nRequest timed out.\nRequest timed out.\n\nPing statistics for {resolved}:\n    Packets: Sent = 2, Received = 0, Lost = 2 (100% loss),\n";
        return new LabOutcome<ProbeResult>([command.Record(1, timedOut, Durations.PingTimeout)], new ProbeResult(target, false, $"Request timed out ({resolved})"), null);
    }

    /// <summary>The address that replies for <paramref name="host"/>, if any; <paramref name="resolved"/> is what the name resolves to.</summary>
    private static string? Answering(LabState state, string host, out string? resolved)
    {
        resolved = null;
        if (IPAddress.TryParse(host, out _))
        {
            resolved = host;
            bool dnsServer = state.Dns.Any(s => s.Address == host && s.Reachable);
            return dnsServer || NetworkView.AddressAnswers(state, host) is not null ? host : null;
        }

        if (string.Equals(host, state.CmsName, StringComparison.OrdinalIgnoreCase))
        {
            resolved = state.Dns.FirstOrDefault(s => s.Reachable && s.Addresses.Count > 0)?.Addresses[0];
            return NetworkView.NameAnswers(state, host);
        }

        if (state.Node(host) is { } node)
        {
            resolved = NodeAddress(state, node.Name);
            return node.Reachable && !node.Isolated ? resolved : null;
        }

        if (state.SiteByCluster(host) is { } site)
        {
            resolved = NodeAddress(state, site.Nodes[0].Name);
            return site.Nodes.Any(n => n.Reachable && !n.Isolated) ? resolved : null;
        }

        return null;
    }

    /// <summary>Nodes get made-up addresses in their site's subnet (the topology has none).</summary>
    private static string NodeAddress(LabState state, string node)
    {
        var site = state.SiteOfNode(node)!;
        string prefix = site.CmsAddresses.FirstOrDefault() is { } address ? address[..(address.LastIndexOf('.') + 1)] : "10.0.0.";
        return prefix + (11 + site.Nodes.FindIndex(n => n.Name == node) + 10);
    }
}
