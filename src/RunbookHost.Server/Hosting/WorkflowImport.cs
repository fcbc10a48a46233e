using RunbookHost.Server.Api;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Validation;
using Microsoft.Extensions.Options;

namespace RunbookHost.Server.Hosting;

/// <summary>Imports the shipped workflows at start-up, publishing each one whose content changed.</summary>
internal sealed class WorkflowImport(WorkflowDefinitions definitions, IOptions<RunbookOptions> options, ILogger<WorkflowImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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
