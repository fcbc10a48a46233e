using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Setup;

/// <summary>
/// setup.com /recoverCMS: checks the prerequisites (passive role and version on every node, no CMS
/// group here, every AD path on a R/W disk), rebuilds the CMS group and resources from AD (disks
/// stay out of the group, database instances depend on the store only) and brings the CMS up to
/// the Information Store; the Network Name fails on a duplicate name or IP or a CNO without rights.
/// </summary>
internal static class RecoverCmsRule
{
    public const string Action = "RecoverCms";

    public static SetupRun Run(LabState state, DateTimeOffset now, LabNode node, LabSite site, SetupArguments arguments, SetupLog log)
    {
        var run = new SetupRun(SetupRules.Title(SetupArguments.RecoverCms));
        log.Line(0, "Setup will run the task 'recover-ClusteredMailboxServer'", TimeSpan.FromSeconds(12));
        var problems = Prerequisites(state, node, site, arguments);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                log.Error(problem, TimeSpan.FromSeconds(problems.IndexOf(problem) == 0 ? 70 : 1));
            }

            return run.Step("Validating Prerequisites", false);
        }

        run.Step("Validating Prerequisites");
        log.Line(1, $"Prerequisite checks for clustered mailbox server '{state.CmsName}' passed.", TimeSpan.FromSeconds(80));
        if (state.CmsGroup(site) is { } leftover)
        {
            log.Line(0, $"Setup is resuming a previous /recoverCMS (watermark '{node.SetupWatermark}'): removing the resources it created.", TimeSpan.FromSeconds(20));
            site.Resources.RemoveAll(r => string.Equals(r.Group, leftover.Name, StringComparison.OrdinalIgnoreCase) && ResourceTypes.IsCms(r.Type));
            site.Groups.Remove(leftover);
        }

        node.SetupAction = Action;
        node.SetupWatermark = "CreateClusteredMailboxServerResources";
        var group = new LabGroup { Name = state.CmsName, Owner = node.Name, State = ClusterState.Offline };
        site.Groups.Add(group);
        var resources = CmsResources.Create(state, group.Name, arguments.Addresses);
        site.Resources.AddRange(resources);
        state.Directory.ComputerAccountEnabled = true;
        log.Line(1, $"Creating cluster group '{group.Name}' owned by '{node.Name}' on cluster '{site.ClusterName}'.", TimeSpan.FromMinutes(1));
        foreach (var resource in resources)
        {
            log.Line(1, $"Creating cluster resource '{resource.Name}' of type '{resource.Type}'.", TimeSpan.FromSeconds(15));
        }

        if (state.ActiveFor(LabFaults.ComputerAccountNotReplicated, "site", site.Name) is not null)
        {
            node.SetupWatermark = "WaitForComputerAccountReplication";
            log.Error($"The computer account for '{state.CmsName}' has not replicated to the desired domain controller '{SetupLog.DomainController(state, node.Name)}' after waiting approximately 60 seconds. Wait for Active Directory replication to complete and run setup.com /recoverCMS again.", TimeSpan.FromSeconds(62));
            return run.Step(run.Title, false);
        }

        node.SetupWatermark = "BringClusteredMailboxServerOnline";
        var engine = new ResourceEngine(state, site, now);
        var store = resources.First(r => r.Type == ResourceTypes.InformationStore);
        bool online = engine.Online(store);
        ResourceEngine.Refresh(site, group);
        foreach (string line in engine.Events)
        {
            log.Line(1, line, TimeSpan.FromSeconds(5));
        }

        if (!online)
        {
            var failed = resources.FirstOrDefault(r => r.State == ClusterState.Failed) ?? store;
            log.Error($"Failed to bring cluster resource '{failed.Name}' in cluster group '{group.Name}' online. {failed.FailureReason}", TimeSpan.FromMinutes(2));
            return run.Step(run.Title, false);
        }

        log.Line(1, "The Database Instance resources were created offline: move the Physical Disk resources into the group and add their dependencies before mounting.", TimeSpan.FromMinutes(3));
        node.SetupAction = null;
        node.SetupWatermark = null;
        return run.Step(run.Title).Done();
    }

    private static List<string> Prerequisites(LabState state, LabNode node, LabSite site, SetupArguments arguments)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(arguments.CmsName))
        {
            problems.Add("The /cmsName parameter is required with /recoverCMS.");
            return problems;
        }

        if (!string.Equals(arguments.CmsName, state.Directory.CmsName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"The clustered mailbox server '{arguments.CmsName}' was not found in Active Directory.");
            return problems;
        }

        if (arguments.Addresses.Count == 0)
        {
            problems.Add("The /cmsIPV4Addresses parameter is required with /recoverCMS.");
        }

        foreach (var other in site.Nodes.Where(n => !n.PassiveClusteredMailbox))
        {
            problems.Add($"The passive clustered mailbox server role is not installed on node '{other.Name}'. Run 'setup.com /mode:install /roles:mailbox' on every node of cluster '{site.ClusterName}' before recovering the clustered mailbox server.");
        }

        if (node.PassiveClusteredMailbox && !string.Equals(node.Version, state.Directory.CmsVersion, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Clustered mailbox server '{state.CmsName}' is at version {state.Directory.CmsVersion}, but this computer has Exchange version {node.Version} installed. Install the same version on every node before running /recoverCMS.");
        }

        if (state.CmsGroup(site) is { } existing && !string.Equals(node.SetupAction, Action, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"A clustered mailbox server group '{existing.Name}' already exists in cluster '{site.ClusterName}' (owner {existing.Owner}). Run 'setup.com /clearLocalCMS' on the node that owns it first.");
        }

        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in state.Directory.StorageGroups)
        {
            foreach (string path in group.Databases.Select(d => d.EdbPath).Append(group.LogPath).Append(group.SystemPath))
            {
                var disk = site.DiskFor(path);
                if (disk is null)
                {
                    problems.Add($"The path '{path}' of storage group '{group.Name}' is not on a Physical Disk resource of cluster '{site.ClusterName}'.");
                }
                else if (!state.DeviceWritable(site, disk) && reported.Add(disk.Name))
                {
                    problems.Add($"The path '{path}' of storage group '{group.Name}' is not accessible: The device is not ready. (Exception from HRESULT: 0x80070015) Physical Disk '{disk.Name}' is read-only at site {site.Name}; make the disks read/write before recovering the clustered mailbox server.");
                }
            }
        }

        return problems;
    }
}
