using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Server.Hosting;

namespace RunbookHost.Benchmarks.Load;

/// <summary>
/// The real host on a loopback port (Kestrel, SQLite in a temp folder, the lab drivers, the
/// shipped workflows), its clock 100,000x faster as in the demo, with one user per role.
/// </summary>
internal sealed class LoadHost : IAsyncDisposable
{
    public const double Speed = 100_000;

    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["viewer"] = "load-viewer-key-0123456789",
        ["olivia"] = "load-operator-key-0123456789",
        ["amir"] = "load-approver-key-0123456789",
        ["ada"] = "load-admin-key-0123456789",
    };

    private readonly WebApplication _app;
    private readonly string _folder;

    private LoadHost(WebApplication app, string folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LoadHost> StartAsync(CancellationToken ct)
    {
        string folder = Directory.CreateTempSubdirectory("runbookhost-load-").FullName;
        string[] roles = ["viewer", "operator", "approver", "admin"];
        var users = Keys.Keys.Zip(roles).SelectMany((u, i) => new[]
        {
            $"--Runbook:Users:{i}:Name={u.First}", $"--Runbook:Users:{i}:ApiKey={Keys[u.First]}", $"--Runbook:Users:{i}:Roles:0={u.Second}",
        });
        var app = RunbookHostApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--Runbook:Database:ConnectionString=Data Source={Path.Combine(folder, "load.db")}",
                $"--Runbook:Lab:StateFile={Path.Combine(folder, "lab-state.json")}",
                $"--Runbook:DesignerPath={Path.Combine(folder, "no-designer")}",
                "--Runbook:Lab:TimeScale=1",
                "--Runbook:Engine:PollInterval=00:01:00",
                "--Logging:LogLevel:Default=Warning",
                .. users,
            ],
            builder => builder.Services.AddSingleton<TimeProvider>(new AcceleratedTimeProvider(Speed)));
        await app.StartAsync(ct);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoadHost(app, folder, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
