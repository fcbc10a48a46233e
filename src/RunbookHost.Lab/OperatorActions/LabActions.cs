using RunbookHost.Exchange.Commands;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>
/// The names of what an administrator does by hand at a site that the lab can perform
/// (POST /api/lab/actions {action, parameters}): what the runbooks' manual steps ask for.
/// </summary>
public static class LabActions
{
    /// <summary>clear-local-cms: re-enable the CMS computer account that /clearLocalCMS disabled (Windows Server 2008).</summary>
    public const string EnableCmsComputerAccount = nameof(EnableCmsComputerAccount);

    /// <summary>prepare-standby: resume replication (establish) or catch a lagging pair up (update).</summary>
    public const string RestoreReplication = nameof(RestoreReplication);

    /// <summary>activation, failback: force AD replication between sites and clear the DNS servers' caches.</summary>
    public const string ForceAdReplication = nameof(ForceAdReplication);

    /// <summary>prepare-standby: run setup.com /mode:upgrade by hand on a node to align its Exchange build.</summary>
    public const string UpgradeExchangeOnNode = nameof(UpgradeExchangeOnNode);

    /// <summary>activation: copy the log files a database in dirty shutdown needs back from a backup.</summary>
    public const string RestoreMissingLogs = nameof(RestoreMissingLogs);

    /// <summary>activation: run soft recovery (eseutil /r) so that a database in dirty shutdown becomes clean.</summary>
    public const string RunSoftRecovery = nameof(RunSoftRecovery);
}

/// <summary>One parameter an action takes; <paramref name="Choices"/>, when given, are the only values it may take.</summary>
public sealed record LabActionParameter(string Name, string Description, string? DefaultValue, bool Required = false, IReadOnlyList<string>? Choices = null);

/// <summary>
/// An action the lab can perform: its name, what it does to the lab, the runbook manual steps
/// (<c>definitionId/activityId</c>) that ask for it, and its parameters.
/// </summary>
public sealed record LabActionDescriptor(string Name, string Description, IReadOnlyList<string> ManualSteps, IReadOnlyList<LabActionParameter> Parameters);

/// <summary>A request to perform an action; parameters not given take the catalogue's defaults.</summary>
public sealed record LabActionRequest(string Action, IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>What an action did: the parameters it ran with, a sentence saying what changed, and the commands an administrator would have typed.</summary>
public sealed record LabActionResult(string Action, IReadOnlyDictionary<string, string> Parameters, string Message, IReadOnlyList<CommandRecord> Commands);

/// <summary>The action named is not one the lab knows, or its parameters are wrong (<see cref="Parameter"/> names the one, when one is).</summary>
public sealed class LabActionException(string message, string? parameter = null) : Exception(message)
{
    public string? Parameter { get; } = parameter;
}

/// <summary>The action makes no sense in the lab's state now (the account is already enabled...); nothing was changed.</summary>
public sealed class LabActionRefusedException(string action, string reason) : Exception(reason)
{
    public string Action { get; } = action;
}
