namespace RunbookHost.Persistence.Definitions;

/// <summary>The definition store's statements, shared by SQLite and PostgreSQL.</summary>
internal static class DefinitionSql
{
    public const string EnsureDefinition = """
        INSERT INTO definitions (definition_id, latest_version, published_version)
        VALUES (@DefinitionId, 0, NULL)
        ON CONFLICT (definition_id) DO NOTHING
        """;

    /// <summary>Takes the next version number; the update serialises concurrent saves of one definition.</summary>
    public const string NextVersion = """
        UPDATE definitions SET latest_version = latest_version + 1
        WHERE definition_id = @DefinitionId
        RETURNING latest_version
        """;

    public const string InsertVersion = """
        INSERT INTO definition_versions (definition_id, version, name, description, definition, saved_at)
        VALUES (@DefinitionId, @Version, @Name, @Description, @Definition, @SavedAt)
        """;

    /// <summary>A version (the latest when @Version is null) with whether it is the published one.</summary>
    public const string GetVersion = """
        SELECT v.version AS Version, v.definition AS Definition, d.published_version AS PublishedVersion
        FROM definitions d
        JOIN definition_versions v ON v.definition_id = d.definition_id
        WHERE d.definition_id = @DefinitionId AND v.version = COALESCE(@Version, d.latest_version)
        """;

    public const string GetPublished = """
        SELECT v.version AS Version, v.definition AS Definition, d.published_version AS PublishedVersion
        FROM definitions d
        JOIN definition_versions v ON v.definition_id = d.definition_id AND v.version = d.published_version
        WHERE d.definition_id = @DefinitionId
        """;

    public const string GetPublishedVersion = """
        SELECT published_version FROM definitions WHERE definition_id = @DefinitionId
        """;

    public const string List = """
        SELECT d.definition_id AS DefinitionId, v.name AS Name, v.description AS Description,
               d.latest_version AS LatestVersion, d.published_version AS PublishedVersion
        FROM definitions d
        JOIN definition_versions v ON v.definition_id = d.definition_id AND v.version = d.latest_version
        ORDER BY d.definition_id
        """;

    public const string ListVersions = """
        SELECT v.version AS Version, v.saved_at AS SavedAt, d.published_version AS PublishedVersion
        FROM definitions d
        JOIN definition_versions v ON v.definition_id = d.definition_id
        WHERE d.definition_id = @DefinitionId
        ORDER BY v.version
        """;

    public const string Publish = """
        UPDATE definitions SET published_version = COALESCE(@Version, latest_version)
        WHERE definition_id = @DefinitionId AND latest_version >= 1
          AND COALESCE(@Version, latest_version) BETWEEN 1 AND latest_version
        RETURNING published_version
        """;
}
