using Microsoft.Extensions.Logging;

namespace RunbookHost.Workflows.Runtime;

/// <summary>The engine's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Run {RunId} started: {DefinitionId} v{Version} by {StartedBy}")]
    public static partial void RunStarted(ILogger logger, string runId, string definitionId, int version, string startedBy);

    [LoggerMessage(1001, LogLevel.Warning, "Run {RunId} was taken over by another host; this host stopped executing it")]
    public static partial void RunTakenOver(ILogger logger, string runId);

    [LoggerMessage(1002, LogLevel.Warning, "Lost the lease of run {RunId}; stopping its execution here")]
    public static partial void LeaseLost(ILogger logger, string runId);

    [LoggerMessage(1003, LogLevel.Warning, "Renewing the lease of run {RunId} failed")]
    public static partial void LeaseRenewalFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "Workflow runner started as host {HostId}")]
    public static partial void RunnerStarted(ILogger logger, string hostId);

    [LoggerMessage(1011, LogLevel.Error, "A runner pass failed; retrying after the poll interval")]
    public static partial void RunnerPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(1012, LogLevel.Error, "Executing run {RunId} failed")]
    public static partial void RunExecutionFailed(ILogger logger, string runId, Exception exception);
}
