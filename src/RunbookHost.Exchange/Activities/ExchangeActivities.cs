using Microsoft.Extensions.DependencyInjection;

namespace RunbookHost.Exchange.Activities;

/// <summary>The SCC runbook activities, registered with the engine.</summary>
internal static class ExchangeActivities
{
    public static void Register(IServiceCollection services)
    {
        _ = services;
    }
}
