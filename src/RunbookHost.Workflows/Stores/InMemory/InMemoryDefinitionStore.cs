using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Stores.InMemory;

/// <summary>Versioned definitions in memory, stored as JSON so that callers never share instances.</summary>
public sealed class InMemoryDefinitionStore : IDefinitionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(string Json, DateTimeOffset SavedAt)>> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _published = new(StringComparer.Ordinal);

    public Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_versions.TryGetValue(definitionId, out var versions) || (version is { } v && (v < 1 || v > versions.Count)))
            {
                return Task.FromResult<WorkflowDefinition?>(null);
            }

            int n = version ?? versions.Count;
            return Task.FromResult<WorkflowDefinition?>(Materialize(definitionId, n, versions[n - 1].Json));
        }
    }

    public Task<WorkflowDefinition?> GetPublishedAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _published.TryGetValue(definitionId, out int version) ? GetAsync(definitionId, version, cancellationToken) : Task.FromResult<WorkflowDefinition?>(null);
        }
    }

    public Task<int?> GetPublishedVersionAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_published.TryGetValue(definitionId, out int version) ? version : (int?)null);
        }
    }

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<DefinitionSummary> list = _versions
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p =>
                {
                    var latest = WorkflowJson.Parse(p.Value[^1].Json);
                    return new DefinitionSummary(p.Key, latest.Name, latest.Description, p.Value.Count, _published.TryGetValue(p.Key, out int v) ? v : null);
                })
                .ToList();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<DefinitionVersionInfo> list = _versions.TryGetValue(definitionId, out var versions)
                ? versions.Select((v, i) => new DefinitionVersionInfo(definitionId, i + 1, _published.GetValueOrDefault(definitionId) == i + 1, v.SavedAt)).ToList()
                : [];
            return Task.FromResult(list);
        }
    }

    public Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_versions.TryGetValue(definition.DefinitionId, out var versions))
            {
                versions = [];
                _versions[definition.DefinitionId] = versions;
            }

            var stored = definition with { Version = versions.Count + 1, IsPublished = false };
            versions.Add((WorkflowJson.Serialize(stored), savedAt));
            return Task.FromResult(stored);
        }
    }

    public Task<WorkflowDefinition?> PublishAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_versions.TryGetValue(definitionId, out var versions) || (version is { } v && (v < 1 || v > versions.Count)))
            {
                return Task.FromResult<WorkflowDefinition?>(null);
            }

            int n = version ?? versions.Count;
            _published[definitionId] = n;
            return Task.FromResult<WorkflowDefinition?>(Materialize(definitionId, n, versions[n - 1].Json));
        }
    }

    private WorkflowDefinition Materialize(string definitionId, int version, string json) =>
        WorkflowJson.Parse(json) with { Version = version, IsPublished = _published.GetValueOrDefault(definitionId) == version };
}
