using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Network;

/// <summary>What answers on the network: the duplicate-name and duplicate-IP rules read this.</summary>
internal static class NetworkView
{
    /// <summary>The address that answers as <paramref name="name"/> (a Network Name online on a connected node, or an injected impostor), outside <paramref name="except"/>.</summary>
    public static string? NameAnswers(LabState state, string name, LabSite? except = null)
    {
        foreach (var site in state.Sites.Where(s => s != except))
        {
            foreach (var nn in site.Resources.Where(r => r.Type == ResourceTypes.NetworkName && r.State.IsOnline()
                && string.Equals(r.Property("Name"), name, StringComparison.OrdinalIgnoreCase)))
            {
                if (site.Group(nn.Group) is { } group && site.OnNetwork(group))
                {
                    return site.ResourcesOf(group.Name).FirstOrDefault(r => r.Type == ResourceTypes.IpAddress && r.State.IsOnline())?.Property("Address") ?? "an address of " + site.ClusterName;
                }
            }
        }

        return Impostor(state, "name") is { } fault && string.Equals(fault.Parameter("name", state.CmsName), name, StringComparison.OrdinalIgnoreCase)
            ? fault.Parameter("address", "10.99.0.50")
            : null;
    }

    /// <summary>What answers at <paramref name="address"/> outside <paramref name="except"/>, described for an error text.</summary>
    public static string? AddressAnswers(LabState state, string address, LabSite? except = null)
    {
        foreach (var site in state.Sites.Where(s => s != except))
        {
            var ip = site.Resources.FirstOrDefault(r => r.Type == ResourceTypes.IpAddress && r.State.IsOnline()
                && string.Equals(r.Property("Address"), address, StringComparison.OrdinalIgnoreCase));
            if (ip is not null && site.Group(ip.Group) is { } group && site.OnNetwork(group))
            {
                return $"{ip.Name} on {group.Owner}";
            }
        }

        return Impostor(state, "address") is { } fault && string.Equals(fault.Parameter("address", DefaultImpostorAddress(state)), address, StringComparison.OrdinalIgnoreCase)
            ? $"a host with MAC address 00-15-5D-{Math.Abs(address.GetHashCode(StringComparison.Ordinal)) % 100:00}-4A-21"
            : null;
    }

    /// <summary>Without a parameter, a duplicate-address impostor takes the standby's first CMS address (the one /recoverCMS would use).</summary>
    public static string DefaultImpostorAddress(LabState state) => state.Sites[^1].CmsAddresses.FirstOrDefault() ?? "10.99.0.50";

    private static LabActiveFault? Impostor(LabState state, string what) =>
        state.Active(LabFaults.CmsNameAnswersElsewhere).FirstOrDefault(f => string.Equals(f.Parameter("what", "name"), what, StringComparison.OrdinalIgnoreCase));
}
