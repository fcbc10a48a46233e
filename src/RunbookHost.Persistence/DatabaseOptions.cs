using System.ComponentModel.DataAnnotations;

namespace RunbookHost.Persistence;

/// <summary>The database engines RunbookHost can store runs and definitions in.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: several hosts sharing runs through leases.</summary>
    PostgreSql,
}

/// <summary>Where runs and definitions are stored; bound from <c>Runbook:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Runbook:Database";

    public const string DefaultSqliteConnectionString = "Data Source=./data/runbook.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The ADO.NET connection string; defaults to <see cref="DefaultSqliteConnectionString"/> for SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether start-up applies pending schema migrations (off only when a deploy step runs them).</summary>
    public bool MigrateOnStart { get; set; } = true;

    internal string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == DatabaseProvider.Sqlite ? DefaultSqliteConnectionString
        : throw new ValidationException($"{SectionName}:ConnectionString is required for PostgreSql.");
}
