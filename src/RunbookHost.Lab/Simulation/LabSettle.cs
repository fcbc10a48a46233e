using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.Dns;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.Simulation;

/// <summary>
/// Brings the state up to <c>now</c> before and after every command: resync progress, disks that
/// lost their R/W devices (and what depends on them) failing, an old primary bringing its CMS back
/// (when that fault is active), group states, DNS registration and convergence. Everything is
/// computed from timestamps in the state, so it is deterministic and needs no background thread.
/// </summary>
internal static class LabSettle
{
    public static void Apply(LabState state, DateTimeOffset now)
    {
        StorageRules.Progress(state, now);
        foreach (var site in state.Sites)
        {
            FailLostResources(state, site);
            foreach (var fault in state.Active(LabFaults.PrimaryCmsStillOnline))
            {
                if (string.Equals(fault.Parameter("site", state.Sites[0].Name), site.Name, StringComparison.OrdinalIgnoreCase)
                    && state.CmsGroup(site) is { State: not ClusterState.Online } group)
                {
                    new ResourceEngine(state, site, now).OnlineGroup(group);
                }
            }

            foreach (var group in site.Groups)
            {
                ResourceEngine.Refresh(site, group);
            }
        }

        DnsRules.Converge(state, now);
    }

    /// <summary>An online disk whose devices became write-disabled fails, and so does everything online that depends on a resource that is not online.</summary>
    private static void FailLostResources(LabState state, LabSite site)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var resource in site.Resources.Where(r => r.State == ClusterState.Online))
            {
                string? reason = resource.Type == ResourceTypes.PhysicalDisk && !state.DeviceWritable(site, resource)
                    ? $"The device is not ready: the storage devices of {resource.Property("Path")} were write-disabled under the running disk."
                    : resource.Dependencies.FirstOrDefault(d => site.Resource(d) is not { State: ClusterState.Online }) is { } lost
                        ? $"The dependency '{lost}' failed."
                        : null;
                if (reason is not null)
                {
                    resource.State = ClusterState.Failed;
                    resource.FailureReason = reason;
                    resource.OnlineSince = null;
                    changed = true;
                }
            }
        }
    }
}
