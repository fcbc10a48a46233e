using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange;

/// <summary>Registers the SCC domain: the topology and the runbook activities. Drivers are registered separately (lab or commands).</summary>
public static class ExchangeServiceCollectionExtensions
{
    /// <summary>Adds the validated topology (a bad topology fails start-up, naming each bad entry) and the SCC activities.</summary>
    public static IServiceCollection AddRunbookExchange(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => TopologyLoader.LoadValid(configuration));
        Activities.ExchangeActivities.Register(services);
        return services;
    }
}
