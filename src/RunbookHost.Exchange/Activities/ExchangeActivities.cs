using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Exchange.Activities.Cluster;
using RunbookHost.Exchange.Activities.Dns;
using RunbookHost.Exchange.Activities.Preflight;
using RunbookHost.Exchange.Activities.Setup;
using RunbookHost.Exchange.Activities.Storage;
using RunbookHost.Workflows.Hosting;

namespace RunbookHost.Exchange.Activities;

/// <summary>The SCC runbook activities, registered with the engine.</summary>
internal static class ExchangeActivities
{
    public static void Register(IServiceCollection services) => services
        .AddActivity<QueryReplication>()
        .AddActivity<WaitForReplicationSync>()
        .AddActivity<FlipReplication>()
        .AddActivity<ReverseReplication>()
        .AddActivity<TakeGroupOffline>()
        .AddActivity<BringGroupOnline>()
        .AddActivity<VerifyGroupOffline>()
        .AddActivity<GetGroupOwner>()
        .AddActivity<MoveGroupToNode>()
        .AddActivity<MoveDisksToGroup>()
        .AddActivity<SetDatabaseDiskDependencies>()
        .AddActivity<InstallPassiveMailboxRole>()
        .AddActivity<RecoverCms>()
        .AddActivity<ClearLocalCms>()
        .AddActivity<UpgradeExchange>()
        .AddActivity<UpgradeCms>()
        .AddActivity<WaitForDnsConvergence>()
        .AddActivity<CmsNameNotOnline>()
        .AddActivity<PrimaryIsolated>()
        .AddActivity<ReplicationInFullSync>()
        .AddActivity<PassiveRoleOnAllNodes>()
        .AddActivity<ExchangeVersionsMatch>()
        .AddActivity<StandbyConfigurationMatches>()
        .AddActivity<SitesConfigured>()
        .AddActivity<DatabasesCleanShutdown>();
}
