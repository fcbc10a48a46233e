using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Dns;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Network;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange;

/// <summary>Registers the real command-line drivers for the SCC ports (the lab registers simulated ones instead).</summary>
public static class CommandDriverServiceCollectionExtensions
{
    /// <summary>
    /// Adds the transports (local process, SSH), the command runner and a driver per port, with
    /// <c>Runbook:Commands</c> validated at start-up (each error names the setting).
    /// </summary>
    public static IServiceCollection AddCommandDrivers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommandDriverOptions>().Bind(configuration.GetSection(CommandDriverOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandDriverOptions>, CommandDriverOptionsValidator>());
        services.TryAddSingleton(_ => TopologyLoader.LoadValid(configuration));
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<LocalProcessTransport>();
        services.TryAddSingleton<SshTransport>();
        services.TryAddSingleton(sp => new CommandTransports(
            sp.GetRequiredService<IOptions<CommandDriverOptions>>(), sp.GetRequiredService<LocalProcessTransport>(), sp.GetRequiredService<SshTransport>()));
        services.TryAddSingleton<SecretRedactor>();
        services.TryAddSingleton<CommandRunner>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReplicationAdapter, SrdfAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReplicationAdapter, SnapMirrorAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReplicationAdapter, GenericAdapter>());

        services.TryAddSingleton<IClusterControl, ClusterCommandDriver>();
        services.TryAddSingleton<IExchangeSetup, SetupCommandDriver>();
        services.TryAddSingleton<IExchangeInspection, InspectionCommandDriver>();
        services.TryAddSingleton<IStorageReplication, StorageReplicationRouter>();
        services.TryAddSingleton<IDnsQuery, DnsClientQuery>();
        services.TryAddSingleton<INetworkProbe, NetworkProbeDriver>();
        return services;
    }
}
