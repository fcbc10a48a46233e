using System.Text;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>What the runs and the side-effect file show once every host has finished.</summary>
internal sealed record DurabilityReport(int Runs, int SideEffects, int Duplicates, int RecoveredRuns, int ReconciledDone, int ReconciledNotDone)
{
    public override string ToString() =>
        $"{Runs} run(s) completed, {SideEffects} side effect(s), {Duplicates} duplicate(s); "
        + $"{RecoveredRuns} recovery pass(es), reconciled {ReconciledDone} as already done and {ReconciledNotDone} as not done";
}

/// <summary>The exactly-once checks shared by the durability tests.</summary>
internal static class DurabilityChecks
{
    /// <summary>The side effects of one run of the TestHost's workflow (tests/RunbookHost.TestHost/DurabilityWorkflow.cs).</summary>
    public static readonly IReadOnlyList<string> SideEffectPaths =
        ["root/flipA", "root/flipB", "root/disks[0]/disk/copy", "root/disks[1]/disk/copy", "root/disks[2]/disk/copy", "root/finish"];

    /// <summary>
    /// Asserts that <paramref name="expectedRuns"/> runs exist and all completed, that every journal
    /// verifies, and that the side-effect file holds each run's side effects exactly once.
    /// </summary>
    public static async Task<DurabilityReport> AssertEveryRunCompletedExactlyOnceAsync(IRunStore store, string sideEffectFile, int expectedRuns, CancellationToken cancellationToken)
    {
        var problems = new StringBuilder();
        var (runs, recovered, done, notDone) = await CheckRunsAsync(store, expectedRuns, problems, cancellationToken);

        var lines = File.Exists(sideEffectFile) ? await File.ReadAllLinesAsync(sideEffectFile, cancellationToken) : [];
        var counts = lines.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var duplicates = counts.Where(c => c.Value > 1).ToList();
        foreach (var (line, count) in duplicates)
        {
            problems.AppendLine($"Side effect '{line}' happened {count} times.");
        }

        var expected = runs.SelectMany(r => SideEffectPaths.Select(p => $"{r.RunId} {p}")).ToHashSet(StringComparer.Ordinal);
        foreach (string missing in expected.Where(e => !counts.ContainsKey(e)))
        {
            problems.AppendLine($"Side effect '{missing}' never happened.");
        }

        foreach (string unexpected in counts.Keys.Where(l => !expected.Contains(l)))
        {
            problems.AppendLine($"Side effect '{unexpected}' belongs to no run.");
        }

        if (problems.Length > 0)
        {
            Assert.Fail(problems.ToString());
        }

        return new DurabilityReport(runs.Count, lines.Length, duplicates.Count, recovered, done, notDone);
    }

    /// <summary>Asserts that <paramref name="expectedRuns"/> runs exist, all completed, and every journal verifies; returns how many recovery passes they went through.</summary>
    public static async Task<int> AssertEveryRunCompletedAsync(IRunStore store, int expectedRuns, CancellationToken cancellationToken)
    {
        var problems = new StringBuilder();
        var (_, recovered, _, _) = await CheckRunsAsync(store, expectedRuns, problems, cancellationToken);
        if (problems.Length > 0)
        {
            Assert.Fail(problems.ToString());
        }

        return recovered;
    }

    private static async Task<(IReadOnlyList<RunRecord> Runs, int Recovered, int ReconciledDone, int ReconciledNotDone)> CheckRunsAsync(
        IRunStore store, int expectedRuns, StringBuilder problems, CancellationToken cancellationToken)
    {
        var runs = (await store.ListAsync(new RunQuery(Take: 10_000), cancellationToken)).Items;
        if (runs.Count != expectedRuns)
        {
            problems.AppendLine($"Expected {expectedRuns} runs, found {runs.Count}.");
        }

        int recovered = 0, done = 0, notDone = 0;
        foreach (var run in runs)
        {
            var journal = await store.GetJournalAsync(run.RunId, 0, cancellationToken);
            var verification = JournalVerifier.Verify(journal);
            if (!verification.Valid)
            {
                problems.AppendLine($"Journal of {run.RunId} does not verify at {verification.FirstBadSeq}: {verification.Problem}");
            }

            if (run.Status != RunStatus.Completed)
            {
                var incidents = await store.GetIncidentsAsync(run.RunId, cancellationToken);
                problems.AppendLine($"Run {run.RunId} is {run.Status} (fault: {run.Fault ?? "none"}); incidents: "
                    + string.Join("; ", incidents.Select(i => $"{i.Kind} at {i.ActivityPath}: {i.Message}"))
                    + "; journal ends: " + string.Join(" | ", journal.TakeLast(6).Select(r => $"{r.Seq} {r.Kind} {r.ActivityId}")));
            }

            recovered += journal.Count(r => r.Kind == JournalKinds.RunRecovered);
            done += journal.Count(r => r.Kind == JournalKinds.ActivityReconciled && r.Data?["verdict"]?.ToString() == "AlreadyDone");
            notDone += journal.Count(r => r.Kind == JournalKinds.ActivityReconciled && r.Data?["verdict"]?.ToString() == "NotDone");
        }

        return (runs, recovered, done, notDone);
    }
}
