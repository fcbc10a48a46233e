using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>Where a persisted run's time goes, per run: the store's commits, its lease writes, its reads, and the rest (the engine).</summary>
internal sealed record StepBreakdownFigures(
    TimeSpan Run,
    TimeSpan InCommits,
    double Commits,
    TimeSpan InLeases,
    double LeaseCalls,
    TimeSpan InReads,
    double Reads,
    TimeSpan InMemoryRun,
    int StateBytes)
{
    public TimeSpan Engine => Run - InCommits - InLeases - InReads;
}

/// <summary>
/// Not held to a target: the same sequential runs with a stopwatch around every store call
/// (<see cref="TimedRunStore"/>), and the same workflow on the in-memory stores for the engine's own cost.
/// </summary>
internal static class StepBreakdown
{
    private const int WarmUpRuns = 20;
    private const int Runs = 40;

    public static async Task<StepBreakdownFigures> MeasureAsync(BenchDatabase target, CancellationToken cancellationToken)
    {
        TimedRunStore? timed = null;
        await using var engine = await PersistedEngine.CreateAsync(target, cancellationToken, services =>
        {
            services.RemoveAll<IRunStore>();
            services.AddSingleton<IRunStore>(sp => timed = new TimedRunStore(new SqlRunStore(sp.GetRequiredService<SqlDatabase>())));
        });
        await RunManyAsync(engine, WarmUpRuns, cancellationToken);
        var store = timed ?? throw new InvalidOperationException("The timed store was not used.");
        store.Reset();
        var run = await RunManyAsync(engine, Runs, cancellationToken);
        var (inCommits, commits) = (store.Commits.Total / Runs, store.Commits.Calls / (double)Runs);
        var (inLeases, leaseCalls) = (store.Leases.Total / Runs, store.Leases.Calls / (double)Runs);
        var (inReads, reads) = (store.Reads.Total / Runs, store.Reads.Calls / (double)Runs);

        string last = await engine.RunAsync(PersistenceDefinitions.SequenceId, cancellationToken);
        int stateBytes = (await engine.ExpectAsync(last, RunStatus.Completed, cancellationToken)).State.Length;

        await using var inMemory = await PersistedEngine.InMemoryAsync(cancellationToken);
        await RunManyAsync(inMemory, WarmUpRuns, cancellationToken);
        var inMemoryRun = await RunManyAsync(inMemory, Runs, cancellationToken);
        return new StepBreakdownFigures(run, inCommits, commits, inLeases, leaseCalls, inReads, reads, inMemoryRun, stateBytes);
    }

    /// <summary>Time per run over <paramref name="runs"/> runs one after another.</summary>
    private static async Task<TimeSpan> RunManyAsync(PersistedEngine engine, int runs, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < runs; i++)
        {
            await engine.RunAsync(PersistenceDefinitions.SequenceId, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started) / runs;
    }
}
