using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Setup;

/// <summary>setup.com on a lab node: dispatches to the operation, appends ExchangeSetup.log, judges the run from the log.</summary>
internal static class SetupRules
{
    /// <param name="upgradeVersion">The build <c>/mode:upgrade</c> installs: the media's; by default the next service pack (<c>UpgradeVersion</c>).</param>
    public static LabOutcome<SetupResult> Run(LabState state, DateTimeOffset now, string node, SetupCommand command, string? upgradeVersion = null)
    {
        var record = new LabCommand(node, command.CommandLine);
        var target = state.Node(node);
        if (target is null)
        {
            return record.Fail<SetupResult>(53, $"Connecting to remote server {node} failed: The network path was not found.", Durations.RpcTimeout);
        }

        if (!target.Reachable)
        {
            return record.Fail<SetupResult>(1722, $"Connecting to remote server {node} failed: The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)", Durations.RpcTimeout);
        }

        var site = state.SiteOfNode(node)!;
        var arguments = SetupArguments.Parse(command.Arguments);
        var log = new SetupLog(state, target.Name, command.Arguments, now).Begin();
        var run = Injected(state, target, arguments, log) ?? arguments.Operation switch
        {
            SetupArguments.RecoverCms => RecoverCmsRule.Run(state, now, target, site, arguments, log),
            SetupArguments.ClearLocalCms => ClearLocalCmsRule.Run(state, now, target, site, log),
            SetupArguments.UpgradeCms => UpgradeCmsRule.Run(state, now, target, site, log),
            SetupArguments.Install => Install(state, target, log),
            SetupArguments.Upgrade => Upgrade(state, target, site, log, upgradeVersion ?? state.Settings.UpgradeVersion),
            _ => Unknown(command, log),
        };
        string text = log.End(run.Succeeded, TimeSpan.FromSeconds(run.Succeeded ? 20 : 5));
        target.SetupLog += text;
        var result = Judge(text);
        return new LabOutcome<SetupResult>([record.Record(run.Succeeded ? 0 : 1, run.Console(log.Errors), log.Elapsed)], result, null);
    }

    /// <summary>Judges a run from its log lines (exit codes are not documented): success line present and no [ERROR].</summary>
    public static SetupResult Judge(string runLog)
    {
        var lines = runLog.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Where(l => l.Contains("[ERROR]", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("[ERROR]", StringComparison.Ordinal) + 8)..].Trim())
            .Concat(lines.Where(l => l.Contains("Setup is halting", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("] [", StringComparison.Ordinal) + 6)..].Trim()))
            .ToList();
        bool succeeded = errors.Count == 0 && lines.Any(l => l.Contains(SetupLog.Success, StringComparison.Ordinal));
        return new SetupResult(succeeded, errors, runLog);
    }

    /// <summary>The SetupFails fault that makes this operation fail on this node, if one is active.</summary>
    public static LabActiveFault? InjectedFailure(LabState state, string node, string operation) =>
        state.Active(LabFaults.SetupFails).FirstOrDefault(f =>
            f.Parameter("node", "*") is var n && (n == "*" || string.Equals(n, node, StringComparison.OrdinalIgnoreCase))
            && f.Parameter("command", "*") is var c && (c == "*" || SetupArguments.OperationAsTyped(c).Equals(operation, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The message an injected SetupFails fault logs as [ERROR].</summary>
    public static string InjectedMessage(LabActiveFault fault) =>
        fault.Parameter("message", "An unexpected error has occurred and debug information is being generated: Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))");

    /// <summary>Whether the CMS is online (or coming online) on the node: setup does not upgrade the active node.</summary>
    public static bool HostsOnlineCms(LabState state, LabSite site, LabNode node) =>
        state.CmsGroup(site) is { } cms && string.Equals(cms.Owner, node.Name, StringComparison.OrdinalIgnoreCase)
            && site.ResourcesOf(cms.Name).Any(r => ResourceTypes.IsCms(r.Type) && r.State is ClusterState.Online or ClusterState.Pending);

    private static SetupRun? Injected(LabState state, LabNode node, SetupArguments arguments, SetupLog log)
    {
        var fault = InjectedFailure(state, node.Name, arguments.Operation);
        if (fault is null)
        {
            return null;
        }

        log.Line(0, "Setup is validating the state of Active Directory and the local computer", TimeSpan.FromSeconds(40));
        log.Error(InjectedMessage(fault), TimeSpan.FromSeconds(75));
        return new SetupRun(Title(arguments.Operation)).Step("Validating Prerequisites", false);
    }

    private static SetupRun Install(LabState state, LabNode node, SetupLog log)
    {
        var run = new SetupRun("Mailbox Role");
        if (node.PassiveClusteredMailbox)
        {
            log.Error("The Mailbox server role is already installed on this computer.", TimeSpan.FromSeconds(50));
            return run.Step("Validating Prerequisites", false);
        }

        log.Line(0, "Setup will run the task 'install-ExchangeBinaries'", TimeSpan.FromSeconds(45));
        log.Line(1, "Installing Exchange files for the Mailbox role...", TimeSpan.FromMinutes(1));
        log.Line(1, "Registering the clustered mailbox server resource types with the cluster service...", TimeSpan.FromMinutes(24));
        log.Line(1, "The Mailbox role was installed; the node can host a clustered mailbox server (passive).", TimeSpan.FromMinutes(6));
        node.Roles = ["Mailbox"];
        node.Version = state.Directory.CmsVersion;
        node.PassiveClusteredMailbox = true;
        return run.Step("Validating Prerequisites").Step("Copying Exchange Files").Step("Mailbox Server Role").Done();
    }

    private static SetupRun Upgrade(LabState state, LabNode node, LabSite site, SetupLog log, string version)
    {
        var run = new SetupRun("Exchange Server Upgrade");
        if (node.Version is null)
        {
            log.Error("Exchange Server 2007 is not installed on this computer. Use /mode:install.", TimeSpan.FromSeconds(50));
            return run.Step("Validating Prerequisites", false);
        }

        // The supported order on an SCC: passive nodes first, the CMS moved to an upgraded node and /upgradeCMS run there, the former active node last.
        if (HostsOnlineCms(state, site, node))
        {
            log.Error($"Clustered mailbox server '{state.CmsName}' is online on this computer ('{node.Name}'), the active node of cluster '{site.ClusterName}'; setup does not upgrade the active node. Upgrade a passive node first, stop the clustered mailbox server, move it to the upgraded node and run setup.com /upgradeCMS there, then upgrade this node.", TimeSpan.FromSeconds(50));
            return run.Step("Validating Prerequisites", false);
        }

        log.Line(0, $"Setup will upgrade Exchange from {node.Version} to {version}", TimeSpan.FromMinutes(1));
        log.Line(1, "Upgrading Exchange files...", TimeSpan.FromMinutes(30));
        log.Line(1, "Upgrade of the Mailbox role completed.", TimeSpan.FromMinutes(7));
        node.Version = version;
        return run.Step("Validating Prerequisites").Step("Upgrading Exchange Files").Step("Mailbox Server Role").Done();
    }

    private static SetupRun Unknown(SetupCommand command, SetupLog log)
    {
        log.Error($"The command line '{command.Arguments}' is not valid: specify /mode, /recoverCMS, /clearLocalCMS or /upgradeCMS.", TimeSpan.FromSeconds(5));
        return new SetupRun("Exchange Server Setup").Step("Validating Parameters", false);
    }

    internal static string Title(string operation) => operation switch
    {
        SetupArguments.RecoverCms => "Clustered Mailbox Server Recovery",
        SetupArguments.ClearLocalCms => "Clear Local Clustered Mailbox Server",
        SetupArguments.UpgradeCms => "Clustered Mailbox Server Upgrade",
        SetupArguments.Install => "Mailbox Role",
        _ => "Exchange Server Upgrade",
    };
}
