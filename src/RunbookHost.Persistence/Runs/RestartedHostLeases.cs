using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Hosting;

namespace RunbookHost.Persistence.Runs;

/// <summary>
/// When a host starts, gives up the leases still held under its own host id. Host ids are unique
/// among live hosts (the default is unique per process, so then nothing matches), so such a lease
/// was taken by an earlier process of this same host that died without releasing it: a host
/// configured with a stable <c>Runbook:Engine:HostId</c> picks its interrupted runs up again at once
/// instead of waiting out its own leases. Recovery then treats them like any interrupted run
/// (re-run, reconcile or an in-doubt incident); nothing waits for commands the dead process had sent.
/// Runs in the "starting" phase, after the migration and before the runner.
/// </summary>
internal sealed class RestartedHostLeases(SqlDatabase database, IOptions<WorkflowEngineOptions> engine, ILogger<RestartedHostLeases> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        string hostId = engine.Value.HostId;
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        int released = await connection.ExecuteAsync(database.Command(RunSql.ReleaseLeasesOf, new { Owner = hostId }, null, cancellationToken));
        if (released > 0)
        {
            Log.RestartedHostLeasesReleased(logger, hostId, released);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
