using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RunbookHost.Persistence;
using RunbookHost.Server.Auth;

namespace RunbookHost.Server.Hosting;

/// <summary>Prints where the host listens, what it runs on, and how to sign in (demo keys, once).</summary>
internal sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, UserDirectory users, IOptions<RunbookOptions> options, IOptions<DatabaseOptions> database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine($"RunbookHost is listening on {string.Join(", ", addresses)}");
            Console.WriteLine($"  drivers: {options.Value.Drivers}; database: {database.Value.Provider}");
            if (users.DemoUsers.Count > 0)
            {
                Console.WriteLine("  No users are configured, so these demo users exist for this run only (loopback only):");
                foreach (var demo in users.DemoUsers)
                {
                    Console.WriteLine($"    {demo.Name,-8} {demo.Role,-9} key: {demo.ApiKey}");
                }

                Console.WriteLine("  Open the address above and sign in with a key, or call the API with 'Authorization: Bearer <key>'.");
            }
            else
            {
                Console.WriteLine("  Sign in with the API key of a user configured under Runbook:Users.");
            }

            Console.WriteLine();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
