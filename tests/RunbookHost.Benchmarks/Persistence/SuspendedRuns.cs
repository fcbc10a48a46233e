using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>The process's memory at one moment: the managed heap after a full collection, and the working set.</summary>
internal sealed record MemorySnapshot(int Runs, long HeapBytes, long WorkingSetBytes, int QueuedWakes);

/// <summary>Runs of <see cref="PersistenceDefinitions.Approval"/> created through the runtime until they wait at their approval.</summary>
internal static class SuspendedRuns
{
    /// <summary>Several runs at once: the store serialises the writes, but one run's CPU overlaps another's commit.</summary>
    private const int Parallelism = 4;

    /// <summary>Creates <paramref name="count"/> more suspended runs; returns how long it took.</summary>
    public static async Task<TimeSpan> AddAsync(PersistedEngine engine, int count, CancellationToken cancellationToken)
    {
        var runIds = new string[count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        long started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, count, parallel, async (i, ct) => runIds[i] = await engine.RunAsync(PersistenceDefinitions.ApprovalId, ct));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await engine.ExpectAsync(runIds[0], RunStatus.Suspended, cancellationToken);
        await engine.ExpectAsync(runIds[^1], RunStatus.Suspended, cancellationToken);
        return elapsed;
    }

    /// <summary>
    /// The process's memory with <paramref name="runs"/> suspended runs stored. The runner is not
    /// running, so the run ids the runtime queued for it to wake are still queued: counted here and
    /// left in place.
    /// </summary>
    public static MemorySnapshot Snapshot(PersistedEngine engine, int runs)
    {
        Measure.Settle();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var queue = engine.Services.GetRequiredService<RunWakeQueue>();
        return new MemorySnapshot(runs, heap, process.WorkingSet64, queue.Reader.Count);
    }

    /// <summary>Empties the wake queue, as the runner would have done by reading it.</summary>
    public static void DrainWakeQueue(PersistedEngine engine)
    {
        var queue = engine.Services.GetRequiredService<RunWakeQueue>();
        while (queue.Reader.TryRead(out _))
        {
        }
    }
}
