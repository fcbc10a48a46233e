using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Dns;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Network;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.Drivers;

namespace RunbookHost.Lab;

/// <summary>Registers the lab: its environment and its drivers for every port.</summary>
public static class LabServiceCollectionExtensions
{
    /// <summary>
    /// Adds the lab environment (singleton, options from <c>Runbook:Lab</c> validated on start) and
    /// replaces any registration of the six ports with the lab drivers.
    /// </summary>
    public static IServiceCollection AddRunbookLab(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LabOptions>().Bind(configuration.GetSection(LabOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LabOptions>, LabOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => TopologyLoader.LoadValid(configuration));
        services.TryAddSingleton<LabEnvironment>();
        Replace<IStorageReplication, LabStorageReplication>(services);
        Replace<IClusterControl, LabClusterControl>(services);
        Replace<IExchangeSetup, LabExchangeSetup>(services);
        Replace<IExchangeInspection, LabExchangeInspection>(services);
        Replace<IDnsQuery, LabDnsQuery>(services);
        Replace<INetworkProbe, LabNetworkProbe>(services);
        return services;
    }

    private static void Replace<TPort, TDriver>(IServiceCollection services)
        where TPort : class
        where TDriver : class, TPort
    {
        services.RemoveAll<TPort>();
        services.AddSingleton<TPort, TDriver>();
    }
}
