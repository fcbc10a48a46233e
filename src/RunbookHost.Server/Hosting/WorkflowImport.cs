using RunbookHost.Server.Api;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Validation;
using Microsoft.Extensions.Options;

namespace RunbookHost.Server.Hosting;

/// <summary>
/// Imports the shipped workflows at start-up, publishing each one whose content changed. It runs once
/// the server listens (the schema is migrated by then), so <c>/health</c> answers meanwhile; endpoints
/// that read or change definitions wait for it through <see cref="WorkflowImportProgress"/>.
/// </summary>
internal sealed class WorkflowImport(WorkflowDefinitions definitions, WorkflowImportProgress progress, IOptions<RunbookOptions> options, ILogger<WorkflowImport> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every service's start, the web server's included; the host reports "started" once this ends.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var outcome = WorkflowImportState.Failed;
        try
        {
            await ImportAsync(cancellationToken);
            outcome = WorkflowImportState.Completed;
        }
        finally
        {
            progress.Finish(outcome);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ImportAsync(CancellationToken cancellationToken)
    {
        string? folder = options.Value.WorkflowsPath ?? RepositoryPaths.Find("workflows");
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        foreach (string file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var definition = WorkflowJson.Parse(await File.ReadAllTextAsync(file, cancellationToken));
                var outcome = await definitions.ImportAsync(definition, cancellationToken);
                Log.WorkflowImported(logger, definition.DefinitionId, Path.GetFileName(file), outcome.ToString());
            }
            catch (Exception ex) when (ex is DefinitionFormatException or DefinitionInvalidException)
            {
                Log.WorkflowImportFailed(logger, Path.GetFileName(file), ex.Message);
            }
        }
    }
}

/// <summary>Finds a folder of the repository (workflows/, designer/dist) from the working directory or the binaries upwards.</summary>
internal static class RepositoryPaths
{
    public static string? Find(string relative)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "RunbookHost.sln")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
