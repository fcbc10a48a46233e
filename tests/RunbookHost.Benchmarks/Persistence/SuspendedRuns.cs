using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>The process's memory at one moment: the managed heap after a full collection, and the working set.</summary>
internal sealed record MemorySnapshot(int Runs, long HeapBytes, long WorkingSetBytes);

/// <summary>Runs of <see cref="PersistenceDefinitions.Approval"/> created through the runtime until they wait at their approval.</summary>
internal static class SuspendedRuns
{
    /// <summary>Several runs at once: the store serialises the writes, but one run's CPU overlaps another's commit.</summary>
    private const int Parallelism = 4;

    /// <summary>
    /// Creates <paramref name="count"/> more suspended runs; returns how long it took. The runner is not running,
    /// so the wakes the runtime queues for it as runs start are read here as they come, as the runner reads them:
    /// left queued, 10,000 run ids (the queue's bound) would be counted as memory the suspended runs hold.
    /// </summary>
    public static async Task<TimeSpan> AddAsync(PersistedEngine engine, int count, CancellationToken cancellationToken)
    {
        // Only the first and the last run ids are kept (to check them): an array of all of them, captured by the
        // loop's closure, could outlive the loop and be counted as the host's memory.
        var ends = new string[2];
        var wakes = engine.Services.GetRequiredService<RunWakeQueue>().Reader;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        long started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, count, parallel, async (i, ct) =>
        {
            string runId = await engine.RunAsync(PersistenceDefinitions.ApprovalId, ct);
            if (i == 0 || i == count - 1)
            {
                ends[i == 0 ? 0 : 1] = runId;
            }

            while (wakes.TryRead(out _))
            {
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        await engine.ExpectAsync(ends[0], RunStatus.Suspended, cancellationToken);
        await engine.ExpectAsync(ends[1], RunStatus.Suspended, cancellationToken);
        return elapsed;
    }

    /// <summary>The process's memory with <paramref name="runs"/> suspended runs stored.</summary>
    public static MemorySnapshot Snapshot(int runs)
    {
        Measure.Settle();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(runs, heap, process.WorkingSet64);
    }
}
