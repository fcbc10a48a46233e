using RunbookHost.Exchange.Cluster;
using RunbookHost.Lab.Cluster;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Setup;

/// <summary>
/// setup.com /upgradeCMS: on the node that owns the CMS, once that node runs the build the service
/// pack installs (/mode:upgrade first); succeeds only when every CMS resource comes online (so not
/// on a standby cluster with R/O disks or while the name is in use elsewhere); clears the watermark
/// and raises the CMS version in AD.
/// </summary>
internal static class UpgradeCmsRule
{
    public static SetupRun Run(LabState state, DateTimeOffset now, LabNode node, LabSite site, SetupLog log)
    {
        var run = new SetupRun(SetupRules.Title(SetupArguments.UpgradeCms));
        log.Line(0, "Setup will run the task 'upgrade-ClusteredMailboxServer'", TimeSpan.FromSeconds(10));
        var group = state.CmsGroup(site);
        if (group is null)
        {
            log.Error($"No clustered mailbox server was found on cluster '{site.ClusterName}'. Run /upgradeCMS on the node that owns the clustered mailbox server.", TimeSpan.FromSeconds(40));
            return run.Step("Validating Prerequisites", false);
        }

        if (!string.Equals(group.Owner, node.Name, StringComparison.OrdinalIgnoreCase))
        {
            log.Error($"This computer ('{node.Name}') does not own clustered mailbox server '{state.CmsName}'; it is owned by '{group.Owner}'.", TimeSpan.FromSeconds(40));
            return run.Step("Validating Prerequisites", false);
        }

        string target = state.Settings.UpgradeVersion;
        if (!Version.TryParse(node.Version, out var installed) || (Version.TryParse(target, out var wanted) && installed < wanted))
        {
            log.Error($"Exchange version {node.Version ?? "(not installed)"} on this computer ('{node.Name}') is older than version {target}, the version /upgradeCMS upgrades clustered mailbox server '{state.CmsName}' to. Run setup.com /mode:upgrade on this computer before /upgradeCMS.", TimeSpan.FromSeconds(40));
            return run.Step("Validating Prerequisites", false);
        }

        run.Step("Validating Prerequisites");
        node.SetupAction = "UpgradeCms";
        node.SetupWatermark = "UpgradeClusteredMailboxServerResources";
        log.Line(1, $"Upgrading the resources of clustered mailbox server '{state.CmsName}' to version {node.Version}.", TimeSpan.FromMinutes(6));
        var engine = new ResourceEngine(state, site, now);
        engine.OnlineGroup(group);
        foreach (string line in engine.Events)
        {
            log.Line(1, line, TimeSpan.FromSeconds(5));
        }

        var notOnline = site.ResourcesOf(group.Name).Where(r => r.State != ClusterState.Online).ToList();
        if (notOnline.Count > 0)
        {
            log.Error($"Clustered mailbox server '{state.CmsName}' could not be brought online: {string.Join(" ", notOnline.Select(r => $"'{r.Name}' is {r.State}{(r.FailureReason is null ? "." : ": " + r.FailureReason)}"))} The upgrade watermark remains set.", TimeSpan.FromMinutes(5));
            return run.Step(run.Title, false);
        }

        state.Directory.CmsVersion = node.Version ?? state.Directory.CmsVersion;
        node.SetupAction = null;
        node.SetupWatermark = null;
        log.Line(1, $"Clustered mailbox server '{state.CmsName}' is at version {state.Directory.CmsVersion}; the watermark was cleared.", TimeSpan.FromMinutes(7));
        return run.Step(run.Title).Done();
    }
}
