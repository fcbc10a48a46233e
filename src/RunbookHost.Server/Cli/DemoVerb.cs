using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using RunbookHost.Server.Auth;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Runtime;

namespace RunbookHost.Server.Cli;

/// <summary>
/// The demo: a host on loopback with the lab on an accelerated clock runs activation (after the
/// primary site fails), clear-local-cms on the old primary, then failback, through the API as the
/// demo users, each gate decided by someone other than the starter.
/// </summary>
internal static class DemoVerb
{
    public static Command Create(TextWriter output)
    {
        var speed = new Option<double>("--speed") { Description = "How much faster than real time the lab's clock runs.", DefaultValueFactory = _ => 1000 };
        var keep = new Option<string?>("--keep") { Description = "Keep the demo's database and lab state in this folder (default: a temporary folder, deleted)." };
        var demo = new Command("demo", "Run activation, clear-local-cms and failback in the lab with demo approvers, then print an audit summary.") { speed, keep };
        demo.SetAction((parse, ct) => RunAsync(output, parse.GetValue(speed), parse.GetValue(keep), ct));
        return demo;
    }

    private static async Task<int> RunAsync(TextWriter output, double speed, string? keep, CancellationToken ct)
    {
        if (speed is < 1 or > 100_000)
        {
            await Console.Error.WriteLineAsync("--speed must be between 1 and 100000.");
            return 2;
        }

        string folder = keep ?? Path.Combine(Path.GetTempPath(), "runbookhost-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var progress = new DemoProgress(output);
        var app = RunbookHostApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--Runbook:Database:ConnectionString=Data Source={Path.Combine(folder, "demo.db")}",
                $"--Runbook:Lab:StateFile={Path.Combine(folder, "lab-state.json")}",
                "--Runbook:Lab:TimeScale=1",
                "--Runbook:Engine:PollInterval=00:01:00",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            ],
            builder =>
            {
                // The demo is a world of its own: a deployment's appsettings.json and environment (its users, drivers,
                // database, topology) would replace the demo users, the lab or the throw-away database.
                foreach (var source in builder.Configuration.Sources.Where(s => s is JsonConfigurationSource or EnvironmentVariablesConfigurationSource { Prefix: null or "" }).ToList())
                {
                    builder.Configuration.Sources.Remove(source);
                }

                builder.Services.AddSingleton<TimeProvider>(new AcceleratedTimeProvider(speed));
                builder.Services.AddSingleton<IJournalObserver>(progress);
            });
        try
        {
            await app.StartAsync(ct);
            string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var users = app.Services.GetRequiredService<UserDirectory>().DemoUsers.ToDictionary(u => u.Role, u => u.ApiKey);
            output.WriteLine($"RunbookHost demo: the lab's clock runs {speed:0}x faster; times below are lab time. Host at {url}.");
            var scenario = new DemoScenario(url, users, progress, output);
            bool completed = await scenario.RunAsync(ct);
            output.WriteLine(completed ? "Demo completed: every run finished and every journal verifies." : "Demo FAILED: a run did not complete (see above).");
            return completed ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (keep is null)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
