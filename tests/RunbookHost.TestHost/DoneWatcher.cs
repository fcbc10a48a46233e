using Microsoft.Extensions.Hosting;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.TestHost;

/// <summary>With <c>--exit-when-done</c>: prints IDLE and stops the host once runs exist and all have finished.</summary>
internal sealed class DoneWatcher(IRunStore store, TestHostSettings settings, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.ExitWhenDone)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Items, not Total: the store counts in a second statement, which may see a run the list did not.
                var runs = (await store.ListAsync(new RunQuery(Take: 100_000), stoppingToken)).Items;
                if (runs.Count > 0 && runs.All(r => r.IsFinished))
                {
                    TestHostOutput.Idle(runs.Count);
                    lifetime.StopApplication();
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unavailable (e.g. out of connections); the next look will tell.
            }

            await Task.Delay(settings.PollInterval, time, stoppingToken);
        }
    }
}
