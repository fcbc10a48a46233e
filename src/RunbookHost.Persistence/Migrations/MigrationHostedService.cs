using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RunbookHost.Persistence.Migrations;

/// <summary>
/// Migrates the schema in the host's "starting" phase, which runs before any hosted service's
/// StartAsync, so that the engine never meets an old schema whatever the registration order.
/// </summary>
internal sealed class MigrationHostedService(SchemaMigrator migrator, IOptions<DatabaseOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStart ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
