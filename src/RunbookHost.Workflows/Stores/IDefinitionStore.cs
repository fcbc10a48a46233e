using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Stores;

/// <summary>One line of the definition list.</summary>
public sealed record DefinitionSummary(string DefinitionId, string? Name, string? Description, int LatestVersion, int? PublishedVersion);

/// <summary>One version of a definition.</summary>
public sealed record DefinitionVersionInfo(string DefinitionId, int Version, bool IsPublished, DateTimeOffset SavedAt);

/// <summary>Versioned workflow definitions: every save is a new draft version; one version may be published.</summary>
public interface IDefinitionStore
{
    /// <summary>A version of a definition; the latest when <paramref name="version"/> is null.</summary>
    Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken);

    Task<WorkflowDefinition?> GetPublishedAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>The number of the published version, without reading the definition; null when none is published.</summary>
    Task<int?> GetPublishedVersionAsync(string definitionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>Stores the definition as the next version, unpublished, and returns it as stored.</summary>
    Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, DateTimeOffset savedAt, CancellationToken cancellationToken);

    /// <summary>Publishes a version (the latest when null); returns null when there is no such version.</summary>
    Task<WorkflowDefinition?> PublishAsync(string definitionId, int? version, CancellationToken cancellationToken);
}
