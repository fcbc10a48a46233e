using Dapper;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Definitions;

/// <summary>Versioned definitions on SQLite or PostgreSQL; each version's JSON is kept verbatim.</summary>
internal sealed class SqlDefinitionStore(SqlDatabase database) : IDefinitionStore
{
    public async Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(
            database.Command(DefinitionSql.GetVersion, new { DefinitionId = definitionId, Version = version }, null, cancellationToken));
        return row?.ToDefinition();
    }

    public async Task<WorkflowDefinition?> GetPublishedAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(
            database.Command(DefinitionSql.GetPublished, new { DefinitionId = definitionId }, null, cancellationToken));
        return row?.ToDefinition();
    }

    public async Task<int?> GetPublishedVersionAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        long? version = await connection.ExecuteScalarAsync<long?>(
            database.Command(DefinitionSql.GetPublishedVersion, new { DefinitionId = definitionId }, null, cancellationToken));
        return version is { } v ? checked((int)v) : null;
    }

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<SummaryRow>(database.Command(DefinitionSql.List, null, null, cancellationToken));
        return rows.Select(r => new DefinitionSummary(r.DefinitionId, r.Name, r.Description, checked((int)r.LatestVersion), (int?)r.PublishedVersion)).ToList();
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<VersionInfoRow>(
            database.Command(DefinitionSql.ListVersions, new { DefinitionId = definitionId }, null, cancellationToken));
        return rows.Select(r => new DefinitionVersionInfo(definitionId, checked((int)r.Version), r.PublishedVersion == r.Version, database.ReadTime(r.SavedAt))).ToList();
    }

    public async Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, DateTimeOffset savedAt, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var id = new { definition.DefinitionId };
        await connection.ExecuteAsync(database.Command(DefinitionSql.EnsureDefinition, id, transaction, cancellationToken));
        long version = await connection.ExecuteScalarAsync<long>(database.Command(DefinitionSql.NextVersion, id, transaction, cancellationToken));

        var stored = definition with { Version = checked((int)version), IsPublished = false };
        await connection.ExecuteAsync(database.Command(DefinitionSql.InsertVersion, new
        {
            stored.DefinitionId,
            stored.Version,
            stored.Name,
            stored.Description,
            Definition = database.Json(WorkflowJson.Serialize(stored)),
            SavedAt = database.Time(savedAt),
        }, transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<WorkflowDefinition?> PublishAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        long? published;
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            published = await session.Connection.ExecuteScalarAsync<long?>(
                database.Command(DefinitionSql.Publish, new { DefinitionId = definitionId, Version = version }, null, cancellationToken));
        }

        return published is { } v ? await GetAsync(definitionId, checked((int)v), cancellationToken) : null;
    }

    private sealed class VersionRow
    {
        public long Version { get; set; }
        public string Definition { get; set; } = "";
        public long? PublishedVersion { get; set; }

        public WorkflowDefinition ToDefinition() =>
            WorkflowJson.Parse(Definition) with { Version = checked((int)Version), IsPublished = PublishedVersion == Version };
    }

    private sealed class SummaryRow
    {
        public string DefinitionId { get; set; } = "";
        public string? Name { get; set; }
        public string? Description { get; set; }
        public long LatestVersion { get; set; }
        public long? PublishedVersion { get; set; }
    }

    private sealed class VersionInfoRow
    {
        public long Version { get; set; }
        public object SavedAt { get; set; } = "";
        public long? PublishedVersion { get; set; }
    }
}
