using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Reports;

/// <summary>Builds a run's report from its journal (the record of truth), incidents and verification.</summary>
internal sealed class RunReportBuilder(IRunStore store, TimeProvider time)
{
    private static readonly string[] GateRequests = [JournalKinds.ApprovalRequested, JournalKinds.ManualStepRequested];
    private static readonly string[] GateDecisions = [JournalKinds.ApprovalGranted, JournalKinds.ApprovalRejected, JournalKinds.ApprovalExpired, JournalKinds.ManualStepConfirmed];

    public async Task<RunReport?> BuildAsync(string runId, CancellationToken ct)
    {
        var run = await store.GetAsync(runId, ct);
        if (run is null)
        {
            return null;
        }

        var journal = await store.GetJournalAsync(runId, 0, ct);
        var incidents = await store.GetIncidentsAsync(runId, ct);
        var now = time.GetUtcNow();
        var commands = journal.Where(r => r.Kind == JournalKinds.CommandExecuted).Select(r => new ReportCommand(
            r.Seq,
            r.At,
            r.ActivityId,
            r.Data?["target"]?.ToString() ?? string.Empty,
            r.Data?["commandLine"]?.ToString() ?? r.Message,
            r.Data?["exitCode"] is { } exit ? int.TryParse(exit.ToString(), out int code) ? code : null : null,
            r.Data?["output"]?.ToString() ?? string.Empty,
            r.Data?["durationMs"] is { } d && long.TryParse(d.ToString(), out long ms) ? ms : null)).ToList();
        var gates = Gates(journal, now);
        var timers = Waits(journal, now, [JournalKinds.BookmarkCreated], [JournalKinds.ActivityCompleted, JournalKinds.BookmarkCreated]);
        var total = (run.FinishedAt ?? now) - run.StartedAt;
        var people = gates.Aggregate(TimeSpan.Zero, (sum, g) => sum + ((g.DecidedAt ?? now) - g.RequestedAt));
        var executing = total - people - timers;
        return new RunReport(
            run,
            journal,
            commands,
            gates,
            incidents,
            new ReportTimes(total, people, timers, executing < TimeSpan.Zero ? TimeSpan.Zero : executing),
            JournalVerifier.Verify(journal, run.LastSeq, run.LastHash),
            now);
    }

    private static List<ReportGate> Gates(IReadOnlyList<JournalRecord> journal, DateTimeOffset now)
    {
        var gates = new List<ReportGate>();
        foreach (var request in journal.Where(r => GateRequests.Contains(r.Kind)))
        {
            var decision = journal.FirstOrDefault(r => r.Seq > request.Seq && r.ActivityId == request.ActivityId && GateDecisions.Contains(r.Kind));
            gates.Add(new ReportGate(
                request.ActivityId,
                request.Kind == JournalKinds.ApprovalRequested ? "approval" : "manualStep",
                request.Data?["title"]?.ToString() ?? request.Message,
                request.At,
                decision?.Kind switch
                {
                    JournalKinds.ApprovalGranted => "approved",
                    JournalKinds.ApprovalRejected => "rejected",
                    JournalKinds.ApprovalExpired => "expired",
                    JournalKinds.ManualStepConfirmed => "done",
                    _ => null,
                },
                decision?.Actor,
                decision?.At,
                decision?.Data?["comment"]?.ToString()));
        }

        return gates;
    }

    /// <summary>Time between a wait starting (timers, polling) and the same activity moving on.</summary>
    private static TimeSpan Waits(IReadOnlyList<JournalRecord> journal, DateTimeOffset now, string[] starts, string[] ends)
    {
        var total = TimeSpan.Zero;
        foreach (var start in journal.Where(r => starts.Contains(r.Kind)))
        {
            var end = journal.FirstOrDefault(r => r.Seq > start.Seq && r.ActivityId == start.ActivityId && (ends.Contains(r.Kind) || r.Kind == JournalKinds.CommandExecuted));
            total += (end?.At ?? now) - start.At;
        }

        return total;
    }
}
