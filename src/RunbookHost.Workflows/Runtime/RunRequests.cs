using System.Text.Json.Nodes;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Runtime;

/// <summary>A request to start a run of a definition; the published version unless one is named.</summary>
public sealed record StartRunRequest(string DefinitionId, int? Version, JsonObject? Input, string StartedBy);

/// <summary>A request was refused; nothing changed. <see cref="Errors"/> names each bad field.</summary>
public sealed class RunRequestException(string message, IReadOnlyList<ValidationError>? errors = null, bool notFound = false) : Exception(message)
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors ?? [];

    /// <summary>Whether the request named something that does not exist (a definition, run or incident).</summary>
    public bool NotFound { get; } = notFound;
}
