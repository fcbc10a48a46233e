using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RunbookHost.Designer.Tests.Support;

/// <summary>
/// The real host in this process, on Kestrel at a free loopback port, serving designer/dist: a
/// SQLite file and the lab's state in a temporary folder, the shipped workflows, the lab drivers on
/// an accelerated clock, and users for four eyes (an admin who also operates, an approver) and an operator.
/// </summary>
internal sealed class DesignerHost : IAsyncDisposable
{
    public const string AdminKey = "designer-admin-key-0123456789";
    public const string ApproverKey = "designer-approver-key-0123456789";
    public const string OperatorKey = "designer-operator-key-0123456789";

    private readonly WebApplicationFactory<Program> _factory;

    private DesignerHost(WebApplicationFactory<Program> factory, string url, string folder)
    {
        _factory = factory;
        Url = url;
        Folder = folder;
    }

    /// <summary>The address the designer is served at, without a trailing slash.</summary>
    public string Url { get; }

    public string Folder { get; }

    public static DesignerHost Start(double clockFactor = 1000)
    {
        string folder = Path.Combine(Path.GetTempPath(), "runbookhost-designer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Runbook:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "runbook.db")}",
            ["Runbook:WorkflowsPath"] = Repository.Workflows,
            ["Runbook:DesignerPath"] = Path.Combine(Repository.Designer, "dist"),
            ["Runbook:Drivers"] = "Lab",
            ["Runbook:Lab:StateFile"] = Path.Combine(folder, "lab-state.json"),
            ["Runbook:Lab:TimeScale"] = "1",
            ["Runbook:Engine:PollInterval"] = "00:00:30",
            ["Runbook:Users:0:Name"] = "ada",
            ["Runbook:Users:0:ApiKey"] = AdminKey,
            ["Runbook:Users:0:Roles:0"] = "admin",
            ["Runbook:Users:0:Roles:1"] = "operator",
            ["Runbook:Users:1:Name"] = "amir",
            ["Runbook:Users:1:ApiKey"] = ApproverKey,
            ["Runbook:Users:1:Roles:0"] = "approver",
            ["Runbook:Users:2:Name"] = "olivia",
            ["Runbook:Users:2:ApiKey"] = OperatorKey,
            ["Runbook:Users:2:Roles:0"] = "operator",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(new RunbookHost.Server.Hosting.AcceleratedTimeProvider(clockFactor)));
        });
        factory.UseKestrel();
        factory.StartServer();
        string url = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new DesignerHost(factory, url, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
