using RunbookHost.Exchange;

namespace RunbookHost.Server.Hosting;

/// <summary>Chooses the drivers of the SCC ports: the lab (simulated sites) or the real command-line drivers.</summary>
internal static class Drivers
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        if (string.Equals(configuration["Runbook:Drivers"], DriverKinds.Commands, StringComparison.OrdinalIgnoreCase))
        {
            services.AddCommandDrivers(configuration);
        }
    }

    public static void MapApi(WebApplication app)
    {
        _ = app;
    }
}
