using System.Diagnostics;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Persistence;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>What one durable step of a 20-step sequence costs on a database, next to that database's commit floor.</summary>
internal sealed record StepFigures(DatabaseProvider Provider, string Settings, Samples Step, Samples Floor, long CommitsPerRun, long JournalPerRun, StepBreakdownFigures Breakdown)
{
    public double Ratio => Step.Median / Floor.Median;
}

/// <summary>
/// Runs of <see cref="PersistenceDefinitions.Sequence"/> started and executed one after another:
/// per step = batch time / (runs × 20). Within each batch, slices of runs alternate with slices of
/// floor commits, so that drift in the disk's speed (which on a shared VM moves in seconds) reaches both alike.
/// </summary>
internal static class StepCost
{
    private const int Batches = 7;
    private const int RunsPerBatch = 40;
    private const int Slices = 8;
    private const int Steps = PersistenceDefinitions.SequenceSteps;

    /// <summary>Floor commits per batch: one per step the run batch takes.</summary>
    private const int FloorCommitsPerBatch = RunsPerBatch * Steps;

    private static readonly WarmUp StepWarmUp = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
    private static readonly WarmUp FloorWarmUp = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

    public static async Task<StepFigures> MeasureAsync(BenchDatabase target, CancellationToken cancellationToken)
    {
        string settings;
        long commits, journal;
        var step = new Samples(Batches);
        var floorSamples = new Samples(Batches);
        await using (var engine = await PersistedEngine.CreateAsync(target, cancellationToken))
        {
            var floor = await CommitFloor.CreateAsync(engine.Database, cancellationToken);
            settings = await DatabaseSettings.DescribeAsync(engine.Database, cancellationToken);
            (commits, journal) = await VerifyAsync(engine, cancellationToken);

            await Measure.WarmUpAsync(StepWarmUp, ct => RunOnceAsync(engine, ct), cancellationToken);
            await Measure.WarmUpAsync(FloorWarmUp, floor.CommitOnceAsync, cancellationToken);
            for (int i = 0; i < Batches; i++)
            {
                Measure.Settle();
                var floorTime = TimeSpan.Zero;
                var stepTime = TimeSpan.Zero;
                for (int slice = 0; slice < Slices; slice++)
                {
                    floorTime += await floor.CommitManyAsync(FloorCommitsPerBatch / Slices, cancellationToken);
                    stepTime += await RunManyAsync(engine, RunsPerBatch / Slices, cancellationToken);
                }

                floorSamples.Add(floorTime / FloorCommitsPerBatch);
                step.Add(stepTime / (RunsPerBatch * Steps));
            }
        }

        var breakdown = await StepBreakdown.MeasureAsync(target, cancellationToken);
        return new StepFigures(target.Provider, settings, step, floorSamples, commits, journal, breakdown);
    }

    private static async Task<TimeSpan> RunOnceAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        await engine.RunAsync(PersistenceDefinitions.SequenceId, cancellationToken);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<TimeSpan> RunManyAsync(PersistedEngine engine, int runs, CancellationToken cancellationToken)
    {
        var runIds = new string[runs];
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < runs; i++)
        {
            runIds[i] = await engine.RunAsync(PersistenceDefinitions.SequenceId, cancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await engine.ExpectAsync(runIds[0], RunStatus.Completed, cancellationToken);
        await engine.ExpectAsync(runIds[^1], RunStatus.Completed, cancellationToken);
        return elapsed;
    }

    /// <summary>
    /// Once, not timed: a run completes with all 20 Log records in its journal. Returns its commits
    /// (the run row's version counts them: 1 for the insert, +1 per commit) and journal records.
    /// </summary>
    private static async Task<(long Commits, long Journal)> VerifyAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        string runId = await engine.RunAsync(PersistenceDefinitions.SequenceId, cancellationToken);
        var run = await engine.ExpectAsync(runId, RunStatus.Completed, cancellationToken);
        var journal = await engine.Runs.GetJournalAsync(runId, 0, cancellationToken);
        int logs = journal.Count(r => r.Kind == "Log");
        if (logs != Steps)
        {
            throw new InvalidOperationException($"Run {runId} logged {logs} times, expected {Steps}.");
        }

        return (run.Version, run.LastSeq);
    }
}
