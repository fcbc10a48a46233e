using RunbookHost.Exchange;
using RunbookHost.Lab;
using RunbookHost.Server.Api;

namespace RunbookHost.Server.Hosting;

/// <summary>Chooses the drivers of the SCC ports: the lab (simulated sites) or the real command-line drivers.</summary>
internal static class Drivers
{
    public static bool IsLab(IConfiguration configuration) =>
        !string.Equals(configuration["Runbook:Drivers"], DriverKinds.Commands, StringComparison.OrdinalIgnoreCase);

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        if (IsLab(configuration))
        {
            services.AddRunbookLab(configuration);
        }
        else
        {
            services.AddCommandDrivers(configuration);
        }
    }

    public static void MapApi(WebApplication app)
    {
        if (IsLab(app.Configuration))
        {
            app.MapLabApi();
        }
        else
        {
            app.MapGet("/api/lab", () => Problems.NotFound("The lab is not active: this host runs the real command drivers (Runbook:Drivers=Commands).")).RequireAuthorization(Policies.Viewer);
        }
    }
}
