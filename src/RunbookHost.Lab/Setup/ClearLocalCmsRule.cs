using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Setup;

/// <summary>
/// setup.com /clearLocalCMS: on the node that owns the offline CMS group, removes the CMS resources
/// from this cluster only; the Physical Disks stay, in a renamed group; AD keeps the CMS (its
/// computer object is disabled, as on Windows Server 2008).
/// </summary>
internal static class ClearLocalCmsRule
{
    public static SetupRun Run(LabState state, DateTimeOffset now, LabNode node, LabSite site, SetupLog log)
    {
        var run = new SetupRun(SetupRules.Title(SetupArguments.ClearLocalCms));
        log.Line(0, "Setup will run the task 'clear-LocalClusteredMailboxServer'", TimeSpan.FromSeconds(10));
        var group = state.CmsGroup(site);
        if (group is null)
        {
            log.Error($"No clustered mailbox server was found on cluster '{site.ClusterName}'; there is nothing to clear.", TimeSpan.FromSeconds(40));
            return run.Step("Validating Prerequisites", false);
        }

        if (!string.Equals(group.Owner, node.Name, StringComparison.OrdinalIgnoreCase))
        {
            log.Error($"This computer ('{node.Name}') does not own clustered mailbox server '{state.CmsName}'; it is owned by '{group.Owner}'. Run setup.com /clearLocalCMS on the node that owns the clustered mailbox server group.", TimeSpan.FromSeconds(40));
            return run.Step("Validating Prerequisites", false);
        }

        var running = site.ResourcesOf(group.Name).Where(r => r.State is ClusterState.Online or ClusterState.Pending).ToList();
        if (running.Count > 0)
        {
            log.Error($"Clustered mailbox server '{state.CmsName}' must be offline before /clearLocalCMS: {string.Join(", ", running.Select(r => $"'{r.Name}' is online"))}. Stop it with Stop-ClusteredMailboxServer or take the group offline.", TimeSpan.FromSeconds(40));
            return run.Step("Validating Prerequisites", false);
        }

        run.Step("Validating Prerequisites");
        var removed = site.ResourcesOf(group.Name).Where(r => ResourceTypes.IsCms(r.Type)).ToList();
        foreach (var resource in removed)
        {
            log.Line(1, $"Removing cluster resource '{resource.Name}'.", TimeSpan.FromSeconds(12));
            site.Resources.Remove(resource);
        }

        foreach (var remaining in site.Resources)
        {
            remaining.Dependencies.RemoveAll(d => removed.Any(r => string.Equals(r.Name, d, StringComparison.OrdinalIgnoreCase)));
        }

        string renamed = UniqueName(site, CmsResources.ClearedGroup(state.CmsName));
        foreach (var disk in site.ResourcesOf(group.Name).ToList())
        {
            disk.Group = renamed;
        }

        log.Line(1, $"Renaming cluster group '{group.Name}' to '{renamed}'; its Physical Disk resources are kept.", TimeSpan.FromSeconds(20));
        group.Name = renamed;
        ResourceEngine.Refresh(site, group);
        state.Directory.ComputerAccountEnabled = false;
        log.Line(1, $"Disabling the computer account '{state.CmsName}' in Active Directory. Re-enable it if the clustered mailbox server runs on another cluster.", TimeSpan.FromSeconds(30));
        node.SetupAction = null;
        node.SetupWatermark = null;
        log.Line(1, $"The local cluster configuration of clustered mailbox server '{state.CmsName}' was cleared.", TimeSpan.FromMinutes(1));
        return run.Step(run.Title).Done();
    }

    private static string UniqueName(LabSite site, string name)
    {
        string candidate = name;
        for (int i = 2; site.Group(candidate) is not null; i++)
        {
            candidate = $"{name} {i}";
        }

        return candidate;
    }
}
