using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunbookHost.Persistence;
using RunbookHost.TestHost;
using RunbookHost.TestHost.Activities;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Runtime;

if (!TestHostSettings.TryParse(args, out var settings, out string? error))
{
    await Console.Error.WriteLineAsync(error + Environment.NewLine + TestHostSettings.Usage);
    return 2;
}

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(settings.Database);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(settings.LogLevel);
builder.Services
    .AddSingleton(settings)
    .AddSingleton(_ => new SideEffectFile(settings.SideEffectFile))
    .AddSingleton<IJournalObserver, CommitPrinter>()
    .AddRunbookWorkflows(o =>
    {
        o.HostId = settings.HostId;
        o.PollInterval = settings.PollInterval;
        o.LeaseDuration = settings.LeaseDuration;
        o.MaxConcurrentRuns = settings.MaxConcurrentRuns;
    })
    .AddActivity<SideEffectActivity>()
    .AddActivity<StepActivity>()
    .AddRunbookPersistence(builder.Configuration)
    .AddHostedService<RunSeeder>() // after AddRunbookPersistence: seeds once the schema is migrated
    .AddHostedService<DoneWatcher>();

using var host = builder.Build();
await host.RunAsync();
return 0;
