using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Reports;

/// <summary>A command the run executed, from its CommandExecuted record.</summary>
internal sealed record ReportCommand(long Seq, DateTimeOffset At, string? ActivityId, string Target, string CommandLine, int? ExitCode, string Output, long? DurationMs);

/// <summary>A human gate: who was asked, who decided, when and with what comment.</summary>
internal sealed record ReportGate(string? ActivityId, string Kind, string Title, DateTimeOffset RequestedAt, string? Decision, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment);

/// <summary>Where the run's time went.</summary>
internal sealed record ReportTimes(TimeSpan Total, TimeSpan WaitingForPeople, TimeSpan WaitingForTimers, TimeSpan Executing);

/// <summary>The audit report of one run: what a change board asks for after a site failover.</summary>
internal sealed record RunReport(
    RunRecord Run,
    IReadOnlyList<JournalRecord> Timeline,
    IReadOnlyList<ReportCommand> Commands,
    IReadOnlyList<ReportGate> Gates,
    IReadOnlyList<Incident> Incidents,
    ReportTimes Times,
    JournalVerification Verification,
    DateTimeOffset GeneratedAt);
