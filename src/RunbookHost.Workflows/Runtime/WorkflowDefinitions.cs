using System.Collections.Concurrent;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Runtime;

/// <summary>What importing a definition did.</summary>
public enum ImportOutcome
{
    /// <summary>The published version already had this content.</summary>
    Unchanged,

    /// <summary>A new version was saved and published.</summary>
    Published,
}

/// <summary>Saving, validating and publishing definitions; every saved version is validated first.</summary>
public sealed class WorkflowDefinitions(IDefinitionStore store, DefinitionValidator validator, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string, int), CompiledWorkflow> _compiled = new();

    public ValidationResult Validate(WorkflowDefinition definition) => validator.Validate(definition);

    /// <summary>Saves a new draft version.</summary>
    /// <exception cref="DefinitionInvalidException">The definition has problems; nothing was saved.</exception>
    public async Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(definition);
        return await store.SaveDraftAsync(definition, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Publishes a version (the latest when null), which new runs then use.</summary>
    public async Task<WorkflowDefinition?> PublishAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var definition = await store.GetAsync(definitionId, version, cancellationToken);
        if (definition is null)
        {
            return null;
        }

        ThrowIfInvalid(definition);
        return await store.PublishAsync(definitionId, definition.Version, cancellationToken);
    }

    /// <summary>Saves and publishes the definition when its content differs from the published version.</summary>
    public async Task<ImportOutcome> ImportAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var published = await store.GetPublishedAsync(definition.DefinitionId, cancellationToken);
        if (published is not null && SameContent(published, definition))
        {
            return ImportOutcome.Unchanged;
        }

        var saved = await SaveDraftAsync(definition, cancellationToken);
        await store.PublishAsync(saved.DefinitionId, saved.Version, cancellationToken);
        return ImportOutcome.Published;
    }

    private static bool SameContent(WorkflowDefinition a, WorkflowDefinition b) =>
        WorkflowJson.Serialize(a with { Version = 0, IsPublished = false }) == WorkflowJson.Serialize(b with { Version = 0, IsPublished = false });

    /// <summary>Why there is nothing to run for <paramref name="definitionId"/> at <paramref name="version"/> (null: the published one): no such workflow, no such version, or none published.</summary>
    public async Task<string> NothingToRunAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        await GetAsync(definitionId, null, cancellationToken) is null
            ? $"There is no workflow '{definitionId}'."
            : version is { } v
                ? $"Workflow '{definitionId}' has no version {v}."
                : $"Workflow '{definitionId}' has no published version: publish one first.";

    public Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        store.GetAsync(definitionId, version, cancellationToken);

    public Task<WorkflowDefinition?> GetPublishedAsync(string definitionId, CancellationToken cancellationToken) =>
        store.GetPublishedAsync(definitionId, cancellationToken);

    internal CompiledWorkflow Compile(WorkflowDefinition definition) =>
        _compiled.GetOrAdd((definition.DefinitionId, definition.Version), _ =>
        {
            ThrowIfInvalid(definition);
            return new CompiledWorkflow(definition);
        });

    internal async Task<CompiledWorkflow> GetCompiledAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        await FindCompiledAsync(definitionId, version, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow '{definitionId}' version {version} is missing from the store.");

    /// <summary>
    /// A version compiled, or the published one when <paramref name="version"/> is null; null when there is none.
    /// Versions never change once saved, so a compiled version is parsed and validated once per process;
    /// which version is published is asked of the store every time (another host may publish).
    /// </summary>
    internal async Task<CompiledWorkflow?> FindCompiledAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        int? number = version ?? await store.GetPublishedVersionAsync(definitionId, cancellationToken);
        if (number is not { } n)
        {
            return null;
        }

        if (_compiled.TryGetValue((definitionId, n), out var compiled))
        {
            return compiled;
        }

        var definition = await store.GetAsync(definitionId, n, cancellationToken);
        return definition is null ? null : Compile(definition);
    }

    private void ThrowIfInvalid(WorkflowDefinition definition)
    {
        var result = validator.Validate(definition);
        if (!result.Valid)
        {
            throw new DefinitionInvalidException(definition.DefinitionId, result.Errors);
        }
    }
}
