using System.Globalization;
using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using RunbookHost.Persistence.PostgreSql;
using RunbookHost.Persistence.Sql;

namespace RunbookHost.Persistence.Migrations;

/// <summary>
/// Applies the provider's embedded SQL scripts (<c>Migrations/{Provider}/NNNN_Name.sql</c>) with DbUp,
/// one process at a time, and refuses a database whose schema is newer than this build.
/// </summary>
internal sealed class SchemaMigrator(SqlDatabase database, ILogger<SchemaMigrator> logger)
{
    private static readonly Assembly Scripts = typeof(SchemaMigrator).Assembly;

    /// <summary>The newest schema version this build knows for the database's provider.</summary>
    public int CodeVersion => KnownScripts().Max(ScriptVersion);

    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(upToVersion: null, cancellationToken);

    /// <summary>Applies the scripts up to <paramref name="upToVersion"/> (all when null): upgrade tests start from an older schema.</summary>
    internal async Task MigrateAsync(int? upToVersion, CancellationToken cancellationToken)
    {
        await using var held = await MigrationLock.AcquireAsync(database, logger, cancellationToken);
        var engine = BuildEngine(upToVersion);

        var unknown = engine.GetExecutedButNotDiscoveredScripts();
        if (unknown.Count > 0)
        {
            var newest = unknown.OrderBy(ScriptVersion).Last();
            var exception = new SchemaTooNewException(ScriptVersion(newest), newest, CodeVersion);
            Log.SchemaTooNew(logger, exception);
            throw exception;
        }

        var pending = engine.GetScriptsToExecute();
        if (pending.Count == 0)
        {
            Log.SchemaUpToDate(logger, database.Provider, CodeVersion);
            return;
        }

        Log.MigrationStarting(logger, database.Provider, pending.Count);
        var result = await Task.Run(engine.PerformUpgrade, cancellationToken);
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migrating the {database.Provider} schema failed in {result.ErrorScript?.Name ?? "an unknown script"}: {result.Error?.Message}", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            Log.MigrationApplied(logger, script.Name);
        }
    }

    private UpgradeEngine BuildEngine(int? upToVersion)
    {
        var builder = database switch
        {
            PostgreSqlDatabase postgres => DeployChanges.To.PostgresqlDatabase(postgres.ConnectionString, postgres.Schema),
            _ => DeployChanges.To.SqliteDatabase(database.ConnectionString),
        };
        return builder
            .WithScriptsEmbeddedInAssembly(Scripts, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal) && (upToVersion is null || ScriptVersion(name) <= upToVersion))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();
    }

    private string ScriptPrefix => $"{typeof(SchemaMigrator).Namespace}.{database.Provider}.";

    private IEnumerable<string> KnownScripts() =>
        Scripts.GetManifestResourceNames().Where(n => n.StartsWith(ScriptPrefix, StringComparison.Ordinal));

    /// <summary>The NNNN of a script named <c>...NNNN_Name.sql</c>; 0 when it has none.</summary>
    private static int ScriptVersion(string scriptName)
    {
        string file = scriptName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ? scriptName[..^4] : scriptName;
        string last = file[(file.LastIndexOf('.') + 1)..];
        string digits = new(last.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int version) ? version : 0;
    }
}

/// <summary>The database was migrated by a newer build: this one must not run against it.</summary>
public sealed class SchemaTooNewException(int databaseVersion, string databaseScript, int codeVersion)
    : Exception($"The database schema is at version {databaseVersion} (script '{databaseScript}'), but this build of RunbookHost " +
                $"only knows schema versions up to {codeVersion}. Run a RunbookHost build that includes schema version {databaseVersion}, " +
                "or point Runbook:Database:ConnectionString at another database.")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int CodeVersion { get; } = codeVersion;
}
