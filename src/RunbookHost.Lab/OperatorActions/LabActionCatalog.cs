using RunbookHost.Lab.State;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>Every operator action, with what it does, the manual steps that ask for it and its parameters (choices drawn from the lab).</summary>
internal static class LabActionCatalog
{
    public const string All = "*";

    public static IReadOnlyList<LabActionDescriptor> Describe(LabState state)
    {
        List<string> nodes = [.. state.Sites.SelectMany(s => s.Nodes).Select(n => n.Name)];
        List<string> groups = [.. state.Replication.Select(g => g.Name), All];
        List<string> databases = [.. state.Databases.Select(d => d.Name), All];
        return
        [
            new(LabActions.EnableCmsComputerAccount,
                $"Re-enables the computer account of {state.CmsName} in Active Directory (dsmod computer -disabled no), which setup.com /clearLocalCMS disables on Windows Server 2008: the CMS's Network Name can come online again (a restart, a move between nodes). Refused while the account is enabled.",
                ["clear-local-cms/enableAccount"],
                []),
            new(LabActions.RestoreReplication,
                "Resumes replication in its current direction as the array's CLI does by hand: a Suspended or Split pair is established (the invalid tracks are copied from the source), a lagging asynchronous pair is updated (caught up). Refused while the link is down, after a failover (failing back or reversing is the failback runbook's job), while a resync is copying, and when the pair is in full sync.",
                ["prepare-standby/fixReplication"],
                [P("group", "Replication group, or * for every group that needs it.", All, choices: groups)]),
            new(LabActions.ForceAdReplication,
                $"Forces Active Directory replication between the sites (repadmin /syncall) and clears the DNS servers' caches: every reachable DNS server still answering an old address for {state.CmsName} answers the new one now (a server held stale by DnsServerStale does not), and a domain controller that lacked the CMS computer account (ComputerAccountNotReplicated) receives it. Refused when there is nothing to replicate.",
                ["activation/dnsManual", "failback/dnsManual"],
                []),
            new(LabActions.UpgradeExchangeOnNode,
                "Runs setup.com /mode:upgrade by hand on a node from the media of an Exchange build (by default the CMS's build in Active Directory), to align a node whose build differs. Refused when the node cannot be reached, has no Exchange installed, already runs that build or a newer one, or hosts the online CMS.",
                ["prepare-standby/alignVersions"],
                [P("node", "The node to upgrade.", null, required: true, choices: nodes), P("version", "The build to install, e.g. 8.1.240.6.", state.Directory.CmsVersion)]),
            new(LabActions.RestoreMissingLogs,
                "Copies the log files a database in Dirty Shutdown requires back into its log folder from a backup: mounting (or soft recovery) can then replay them instead of failing with -543 / -528. Refused when no log file is missing, e.g. an incomplete copy left by a failover during a resync (its logs are not on any backup: resync it).",
                ["activation/softRecovery"],
                [P("database", "The database, or * for every database missing logs.", All, choices: databases)]),
            new(LabActions.RunSoftRecovery,
                "Runs soft recovery (eseutil /r) on a node that can read the database's files: the required logs are replayed and the header becomes Clean Shutdown. Refused when the database is mounted, already clean, missing logs (restore them first), an incomplete copy, or no reachable node can read its files.",
                ["activation/softRecovery"],
                [P("database", "The database, or * for every database in Dirty Shutdown that can be recovered.", All, choices: databases)]),
        ];
    }

    public static LabActionDescriptor Find(LabState state, string name) =>
        Describe(state).FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LabActionException($"There is no lab action '{name}'. Known actions: {string.Join(", ", Describe(state).Select(d => d.Name))}.");

    private static LabActionParameter P(string name, string description, string? defaultValue, bool required = false, IReadOnlyList<string>? choices = null) =>
        new(name, description, defaultValue, required, choices);
}
