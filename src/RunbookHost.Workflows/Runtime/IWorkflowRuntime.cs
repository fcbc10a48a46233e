using System.Text.Json.Nodes;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Starts runs and sends them stimuli. Everything it sends is queued durably before it returns.</summary>
public interface IWorkflowRuntime
{
    /// <summary>Validates the input and creates a run of the definition's published (or given) version.</summary>
    /// <exception cref="RunRequestException">The definition does not exist or the input is not valid.</exception>
    Task<string> StartAsync(StartRunRequest request, CancellationToken cancellationToken);

    /// <summary>Executes a run on the calling task until it waits for something or ends (the runner calls this).</summary>
    Task ExecuteAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Resumes a bookmark; of two racing resumes exactly one is accepted.</summary>
    Task<SignalResult> ResumeAsync(string bookmarkId, JsonObject payload, string actor, CancellationToken cancellationToken);

    /// <summary>Cancels a run: its activity in flight is cancelled and the journal says who and why.</summary>
    Task<SignalResult> CancelAsync(string runId, string reason, string actor, CancellationToken cancellationToken);

    /// <summary>Resolves an open incident by <see cref="IncidentActions"/> retry, skip (with an outcome) or abort.</summary>
    /// <exception cref="RunRequestException">The action or outcome is not valid for the incident's activity.</exception>
    Task<SignalResult> ResolveIncidentAsync(string runId, string incidentId, string action, string? outcome, string comment, string actor, CancellationToken cancellationToken);
}
