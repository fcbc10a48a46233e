using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunbookHost.CrashHost;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Runtime;

// The host exactly as RunbookHost.Server builds it (same arguments and settings), with a kill switch
// watching every commit and every command the ports report. Stdin takes "ARM <target>" lines.
var killSwitch = new KillSwitch();
var app = RunbookHostApp.Build(args, builder =>
{
    builder.Services.AddSingleton<IJournalObserver>(killSwitch);
    builder.Host.UseServiceProviderFactory(new WatchedPortsFactory(killSwitch));
});
await app.StartAsync();
CrashHostOutput.Ready(string.Join(';', app.Urls));
_ = Task.Run(() => ArmLoopAsync(killSwitch));
await app.WaitForShutdownAsync();
return 0;

static async Task ArmLoopAsync(KillSwitch killSwitch)
{
    while (await Console.In.ReadLineAsync() is { } line)
    {
        if (!line.StartsWith("ARM ", StringComparison.Ordinal))
        {
            CrashHostOutput.Error($"Unknown instruction '{line}'; expected 'ARM {KillTarget.Syntax}'.");
        }
        else if (KillTarget.TryParse(line[4..], out var target, out string? error))
        {
            killSwitch.Arm(target);
        }
        else
        {
            CrashHostOutput.Error(error);
        }
    }
}
