using RunbookHost.Exchange.Dns;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Dns;

/// <summary>
/// nslookup against one lab DNS server, and the convergence rule: once the CMS Network Name comes
/// online at a site (and is on the network) it registers its addresses; each server answers them
/// after TTL + its replication delay (scaled), computed from the registration time.
/// </summary>
internal static class DnsRules
{
    public static LabOutcome<DnsAnswer> Query(LabState state, DateTimeOffset now, string server, string name)
    {
        var command = new LabCommand(server, $"nslookup {name} {server}");
        var target = state.Dns.FirstOrDefault(s => string.Equals(s.Address, server, StringComparison.OrdinalIgnoreCase));
        if (target is not { Reachable: true })
        {
            const string Timeout = "DNS request timed out.\n    timeout was 2 seconds.";
            return new LabOutcome<DnsAnswer>([command.Record(1, $"{Timeout}\nServer:  UnKnown\nAddress:  {server}\n\n*** Request to UnKnown timed-out", Durations.DnsTimeout)],
                new DnsAnswer(server, [], null, "DNS request timed out (timeout was 2 seconds)."), null);
        }

        string host = name.Split('.')[0];
        string header = $"Server:  dns-{target.Site}.{state.Settings.Domain.ToLowerInvariant()}.com\nAddress:  {server}\n\n";
        if (!string.Equals(host, state.CmsName, StringComparison.OrdinalIgnoreCase) || target.Addresses.Count == 0)
        {
            return new LabOutcome<DnsAnswer>([command.Record(1, header + $"*** dns-{target.Site}.{state.Settings.Domain.ToLowerInvariant()}.com can't find {name}: Non-existent domain", Durations.DnsQuery)],
                new DnsAnswer(server, [], null, "Non-existent domain"), null);
        }

        var addresses = target.Addresses.Order(StringComparer.Ordinal).ToList();
        string fqdn = name.Contains('.', StringComparison.Ordinal) ? name : $"{name}.{state.Settings.Domain.ToLowerInvariant()}.com";
        string output = header + $"Name:    {fqdn}\n{(addresses.Count == 1 ? "Address" : "Addresses")}:  {string.Join("\n          ", addresses)}\n";
        return command.Ok(new DnsAnswer(server, addresses, target.Ttl, null), output, Durations.DnsQuery);
    }

    /// <summary>Registers a new A record when the CMS name comes online somewhere else, and lets each server converge when its time has come.</summary>
    public static void Converge(LabState state, DateTimeOffset now)
    {
        foreach (var site in state.Sites)
        {
            if (state.CmsNetworkName(site) is { State: Exchange.Cluster.ClusterState.Online } nn && site.Group(nn.Group) is { } group && site.OnNetwork(group))
            {
                var addresses = site.ResourcesOf(group.Name).Where(r => r.Type == ResourceTypes.IpAddress && nn.Dependencies.Contains(r.Name, StringComparer.OrdinalIgnoreCase))
                    .Select(r => r.Property("Address")).OfType<string>().Order(StringComparer.Ordinal).ToList();
                if (addresses.Count > 0 && (state.DnsRegistration is not { } last || !last.Addresses.SequenceEqual(addresses)))
                {
                    Register(state, site.Name, addresses, nn.OnlineSince ?? now);
                }

                break;
            }
        }

        foreach (var server in state.Dns.Where(s => s.PendingAddresses is not null && s.ConvergesAt <= now))
        {
            if (state.ActiveFor(LabFaults.DnsServerStale, "server", server.Address) is null)
            {
                server.Addresses = server.PendingAddresses!;
                server.PendingAddresses = null;
                server.ConvergesAt = null;
            }
        }
    }

    private static void Register(LabState state, string site, List<string> addresses, DateTimeOffset at)
    {
        state.DnsRegistration = new LabDnsRegistration { Site = site, Addresses = addresses, At = at };
        foreach (var server in state.Dns)
        {
            if (server.Addresses.Order(StringComparer.Ordinal).SequenceEqual(addresses))
            {
                server.PendingAddresses = null;
                server.ConvergesAt = null;
                continue;
            }

            var delay = state.Settings.DnsServerDelays.TryGetValue(server.Address, out var configured) ? configured
                : string.Equals(server.Site, site, StringComparison.OrdinalIgnoreCase) ? TimeSpan.Zero
                : state.Settings.DnsReplicationDelay;
            server.PendingAddresses = [.. addresses];
            server.ConvergesAt = at + Durations.Scaled(state.Settings.DnsTtl + delay, state.Settings.TimeScale);
            server.Ttl = state.Settings.DnsTtl;
        }
    }
}
