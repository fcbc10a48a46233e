namespace RunbookHost.Server.Hosting;

/// <summary>Chooses the drivers of the SCC ports: the lab (simulated sites) or the real command-line drivers.</summary>
internal static class Drivers
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        _ = services;
        _ = configuration;
    }

    public static void MapApi(WebApplication app)
    {
        _ = app;
    }
}
