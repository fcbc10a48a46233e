using Microsoft.Extensions.Logging;

namespace RunbookHost.Persistence;

/// <summary>The persistence layer's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Migrating the {Provider} schema: {Pending} script(s) to apply")]
    public static partial void MigrationStarting(ILogger logger, DatabaseProvider provider, int pending);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Applied migration {Script}")]
    public static partial void MigrationApplied(ILogger logger, string script);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "The {Provider} schema is up to date at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, DatabaseProvider provider, int version);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Waiting for another process to finish migrating {Target}")]
    public static partial void WaitingForMigrationLock(ILogger logger, string target);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "The database schema is newer than this build")]
    public static partial void SchemaTooNew(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "Retention purged {Runs} run(s) finished before {Cutoff:O}: {Journal} journal record(s), {Bookmarks} bookmark(s), {Incidents} incident(s), {Signals} signal(s)")]
    public static partial void RetentionPurged(ILogger logger, int runs, DateTimeOffset cutoff, int journal, int bookmarks, int incidents, int signals);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information,
        Message = "Host {HostId} started again: released {Count} lease(s) its previous process held, so those runs are recovered now")]
    public static partial void RestartedHostLeasesReleased(ILogger logger, string hostId, int count);
}
