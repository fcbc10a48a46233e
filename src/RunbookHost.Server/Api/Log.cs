namespace RunbookHost.Server.Api;

/// <summary>The host's log messages, with stable event ids. Keys and secrets are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Workflow {DefinitionId} v{Version} saved as a draft by {Actor}")]
    public static partial void DefinitionSaved(ILogger logger, string definitionId, int version, string actor);

    [LoggerMessage(2001, LogLevel.Information, "Workflow {DefinitionId} v{Version} published by {Actor}")]
    public static partial void DefinitionPublished(ILogger logger, string definitionId, int version, string actor);

    [LoggerMessage(2002, LogLevel.Information, "{Actor} decided approval {ApprovalId}: {Decision}")]
    public static partial void ApprovalDecided(ILogger logger, string approvalId, string decision, string actor);

    [LoggerMessage(2003, LogLevel.Warning, "Refused sign-in from {Client}: too many failed attempts")]
    public static partial void SignInThrottled(ILogger logger, string client);

    [LoggerMessage(2004, LogLevel.Information, "Workflow {DefinitionId} imported from {File}: {Outcome}")]
    public static partial void WorkflowImported(ILogger logger, string definitionId, string file, string outcome);

    [LoggerMessage(2005, LogLevel.Error, "Workflow file {File} was not imported: {Reason}")]
    public static partial void WorkflowImportFailed(ILogger logger, string file, string reason);
}
