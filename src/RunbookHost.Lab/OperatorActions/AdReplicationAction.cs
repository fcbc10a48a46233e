using RunbookHost.Exchange.Commands;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>
/// repadmin /syncall between the sites and the DNS servers' caches cleared, as the DNS manual steps
/// ask: the AD-integrated zone and the CMS computer account reach every domain controller that can be
/// reached now, instead of after the TTL and the inter-site replication schedule.
/// </summary>
internal static class AdReplicationAction
{
    public static (string Message, IReadOnlyList<CommandRecord> Records) Force(LabState state, ActionCall call)
    {
        var pending = state.Dns.Where(s => s.PendingAddresses is not null).ToList();
        var converging = pending.Where(s => s.Reachable && state.ActiveFor(LabFaults.DnsServerStale, "server", s.Address) is null).ToList();
        var left = pending.Except(converging)
            .Select(s => $"{s.Address} ({(s.Reachable ? "held stale by the DnsServerStale fault" : "unreachable")})")
            .ToList();
        var accountWaits = state.Active(LabFaults.ComputerAccountNotReplicated)
            .Where(f => state.SiteByName(f.Parameter("site", string.Empty)) is { } site && SiteDcReachable(state, site))
            .ToList();
        if (converging.Count == 0 && accountWaits.Count == 0)
        {
            string dns = pending.Count == 0
                ? $"every DNS server already answers {state.CmsName} with {Answer(state)}"
                : $"the DNS servers still answering an old address cannot take the new one: {string.Join(", ", left)}";
            throw LabActionRules.Refused(call, $"Active Directory has nothing to replicate that would change anything: {dns}, and no domain controller is waiting for the {state.CmsName} computer account.");
        }

        var source = state.DnsRegistration is { } registration ? state.SiteByName(registration.Site) ?? state.Sites[0] : LabActionRules.LiveSite(state);
        string dc = LabActionRules.DomainController(state, source);
        var records = new List<CommandRecord>
        {
            LabActionRules.Record(dc, "repadmin /syncall /AdeP", $"Syncing all NC's held on {dc.Split('.')[0]}.\nSyncing partition: DC={state.Settings.Domain.ToLowerInvariant()},DC=com\nSyncAll terminated with no errors.", TimeSpan.FromSeconds(40)),
        };
        foreach (var server in converging)
        {
            server.Addresses = server.PendingAddresses!;
            server.PendingAddresses = null;
            server.ConvergesAt = null;
            records.Add(LabActionRules.Record(server.Address, $"dnscmd {server.Address} /clearcache", "Command completed successfully.", TimeSpan.FromSeconds(1)));
        }

        var parts = new List<string>();
        if (converging.Count > 0)
        {
            parts.Add($"{string.Join(", ", converging.Select(s => s.Address))} now answer{(converging.Count == 1 ? "s" : string.Empty)} {state.CmsName} with {string.Join(", ", converging[0].Addresses)}.");
        }

        if (left.Count > 0)
        {
            parts.Add($"Still not converged: {string.Join(", ", left)}.");
        }

        foreach (var fault in accountWaits)
        {
            parts.Add($"The {state.CmsName} computer account reached the domain controller of {fault.Parameter("site", string.Empty)}.");
        }

        string retired = LabActionRules.Retire(state, LabFaults.ComputerAccountNotReplicated, accountWaits.Contains);

        return ("Active Directory replicated between the sites and the DNS caches were cleared. " + string.Join(" ", parts) + retired, records);
    }

    /// <summary>AD-integrated DNS: a site's DNS servers are its domain controllers; one answering means AD replication reaches it.</summary>
    private static bool SiteDcReachable(LabState state, LabSite site) =>
        state.Dns.Where(d => string.Equals(d.Site, site.Name, StringComparison.OrdinalIgnoreCase)).ToList() is var servers && (servers.Count == 0 || servers.Any(d => d.Reachable));

    private static string Answer(LabState state) =>
        string.Join(", ", state.Dns.FirstOrDefault()?.Addresses ?? []);
}
