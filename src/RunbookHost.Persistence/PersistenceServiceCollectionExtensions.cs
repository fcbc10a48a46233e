using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunbookHost.Persistence.Definitions;
using RunbookHost.Persistence.Migrations;
using RunbookHost.Persistence.PostgreSql;
using RunbookHost.Persistence.Retention;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sql;
using RunbookHost.Persistence.Sqlite;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence;

/// <summary>Registers the SQL stores in place of the in-memory ones.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Stores runs and definitions in the database configured under <c>Runbook:Database</c>
    /// (SQLite <c>./data/runbook.db</c> by default), migrates its schema when the host starts and then
    /// releases the leases an earlier process of this host id left behind.
    /// Replaces any <see cref="IRunStore"/> / <see cref="IDefinitionStore"/> registered before.
    /// </summary>
    public static IServiceCollection AddRunbookPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"{DatabaseOptions.SectionName}:ConnectionString is required when Provider is PostgreSql.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => CreateDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<RunRetention>();
        services.TryAddSingleton<Audit.IAuditTrail, Audit.SqlAuditTrail>();
        services.AddHostedService<MigrationHostedService>();
        services.AddHostedService<RestartedHostLeases>(); // after the migration: both work in the "starting" phase, in this order

        services.RemoveAll<IRunStore>();
        services.AddSingleton<IRunStore, SqlRunStore>();
        services.RemoveAll<IDefinitionStore>();
        services.AddSingleton<IDefinitionStore, SqlDefinitionStore>();
        return services;
    }

    internal static SqlDatabase CreateDatabase(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDatabase(options.EffectiveConnectionString),
        DatabaseProvider.PostgreSql => new PostgreSqlDatabase(options.EffectiveConnectionString),
        _ => throw new InvalidOperationException($"Unknown database provider {options.Provider}."),
    };
}
