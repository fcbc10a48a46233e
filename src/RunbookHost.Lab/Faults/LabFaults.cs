namespace RunbookHost.Lab.Faults;

/// <summary>The names of the faults the lab can inject (POST /api/lab/faults {fault, parameters, enabled}).</summary>
public static class LabFaults
{
    /// <summary>Failure mode 1: the old primary keeps (or brings back) the CMS group online.</summary>
    public const string PrimaryCmsStillOnline = nameof(PrimaryCmsStillOnline);

    /// <summary>Failure mode 2: the replication link is down.</summary>
    public const string ReplicationPartitioned = nameof(ReplicationPartitioned);

    /// <summary>Failure mode 2: replication is suspended with invalid tracks.</summary>
    public const string ReplicationSuspended = nameof(ReplicationSuspended);

    /// <summary>Failure mode 2: asynchronous replication lags (not in full sync).</summary>
    public const string ReplicationLagging = nameof(ReplicationLagging);

    /// <summary>Failure mode 3: something else answers as the CMS name or one of its addresses.</summary>
    public const string CmsNameAnswersElsewhere = nameof(CmsNameAnswersElsewhere);

    /// <summary>Failure mode 4 (seed problem 1): AD gains a storage group after the standby was prepared.</summary>
    public const string StorageGroupAddedAfterPreparation = nameof(StorageGroupAddedAfterPreparation);

    /// <summary>Seed problem 3: AD's log prefix for a storage group differs from the log files on disk.</summary>
    public const string LogPrefixMismatch = nameof(LogPrefixMismatch);

    /// <summary>Failure mode 5: a node lacks the passive clustered mailbox role.</summary>
    public const string PassiveRoleMissing = nameof(PassiveRoleMissing);

    /// <summary>Failure mode 5: a node runs another Exchange build than the CMS.</summary>
    public const string ExchangeVersionMismatch = nameof(ExchangeVersionMismatch);

    /// <summary>Failure mode 6: a database is in dirty shutdown and its required logs are missing (-543 / -528).</summary>
    public const string DirtyShutdownMissingLogs = nameof(DirtyShutdownMissingLogs);

    /// <summary>Failure mode 6: a database is in dirty shutdown with its logs present (mounting replays them).</summary>
    public const string DirtyShutdown = nameof(DirtyShutdown);

    /// <summary>Setup: the CMS computer account has not replicated to the local domain controller.</summary>
    public const string ComputerAccountNotReplicated = nameof(ComputerAccountNotReplicated);

    /// <summary>Setup: the cluster name object lacks rights to create the CMS computer object (0x8007139f).</summary>
    public const string ClusterNameObjectLacksRights = nameof(ClusterNameObjectLacksRights);

    /// <summary>Failure mode 8: a DNS server never converges to the new address.</summary>
    public const string DnsServerStale = nameof(DnsServerStale);

    /// <summary>A site's nodes are cut off the network (optionally still reachable on the console).</summary>
    public const string SiteIsolated = nameof(SiteIsolated);

    /// <summary>A setup.com command fails on a node with a given message.</summary>
    public const string SetupFails = nameof(SetupFails);
}

/// <summary>What a fault parameter's text must be.</summary>
public enum LabParameterKind
{
    Text,

    /// <summary>true or false.</summary>
    Flag,

    Number,

    /// <summary>A setup.com operation (recoverCMS, clearLocalCMS, upgradeCMS, install, upgrade, as typed with or without its switch) or *.</summary>
    SetupOperation,

    /// <summary>An Exchange build: four numbers, e.g. 8.1.240.6.</summary>
    Build,
}

/// <summary>One parameter a fault takes; <paramref name="Choices"/>, when given, are the only values a text parameter may take.</summary>
public sealed record LabFaultParameter(string Name, string Description, string? DefaultValue, LabParameterKind Kind = LabParameterKind.Text, IReadOnlyList<string>? Choices = null);

/// <summary>A fault the lab can inject: its name, what it simulates, the failure mode it covers and its parameters.</summary>
public sealed record LabFaultDescriptor(string Name, string Description, string FailureMode, IReadOnlyList<LabFaultParameter> Parameters);

/// <summary>A request to inject (enabled) or clear (not enabled) a fault.</summary>
public sealed record LabFaultRequest(string Fault, IReadOnlyDictionary<string, string>? Parameters = null, bool Enabled = true);

/// <summary>The fault named is not one the lab knows, or its parameters are wrong (<see cref="Parameter"/> names the one, when one is).</summary>
public sealed class LabFaultException(string message, string? parameter = null) : Exception(message)
{
    public string? Parameter { get; } = parameter;
}
