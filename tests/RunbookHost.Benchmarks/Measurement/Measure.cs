using System.Diagnostics;
using System.Runtime;

namespace RunbookHost.Benchmarks.Measurement;

/// <summary>Warm-up until steady, repetition, and a quiet heap between phases.</summary>
internal static class Measure
{
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(500);

    /// <summary>Methods compiled in a round of a warmed-up process (stragglers, background threads).</summary>
    private const int QuietJit = 5;

    /// <summary>
    /// Warms <paramref name="once"/> up (see <see cref="WarmUpAsync"/>), then collects
    /// <paramref name="runs"/> timings. <paramref name="once"/> returns the time it measured, which
    /// lets it leave its own setup out.
    /// </summary>
    public static async Task<Samples> RepeatAsync(WarmUp warmUp, int runs, Func<CancellationToken, Task<TimeSpan>> once, CancellationToken cancellationToken)
    {
        await WarmUpAsync(warmUp, once, cancellationToken);
        Settle();
        var samples = new Samples(runs);
        for (int i = 0; i < runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            samples.Add(await once(cancellationToken));
        }

        return samples;
    }

    /// <summary>
    /// Runs <paramref name="once"/> in rounds of half a second until tiered JIT has finished with
    /// the hot path and the medians of the last three rounds agree within 5%, once the minimum time
    /// has passed; or until the maximum time has passed. Stable timings alone are not enough: while
    /// the JIT promotes (hundreds of methods a round, for seconds on two cores) they sit on a slow
    /// plateau, so the last two rounds must also have compiled next to nothing.
    /// </summary>
    public static async Task<TimeSpan> WarmUpAsync(WarmUp warmUp, Func<CancellationToken, Task<TimeSpan>> once, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var medians = new List<double>();
        var compiled = new List<long>();
        while (true)
        {
            long compiledBefore = JitInfo.GetCompiledMethodCount();
            var round = new Samples();
            long roundStarted = Stopwatch.GetTimestamp();
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                round.Add(await once(cancellationToken));
            }
            while (Stopwatch.GetElapsedTime(roundStarted) < Round);

            medians.Add(round.Median);
            compiled.Add(JitInfo.GetCompiledMethodCount() - compiledBefore);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= warmUp.MaxTime || (elapsed >= warmUp.MinTime && IsSteady(medians, compiled)))
            {
                return elapsed;
            }
        }
    }

    private static bool IsSteady(List<double> medians, List<long> compiled)
    {
        if (medians.Count < 3 || compiled[^1] > QuietJit || compiled[^2] > QuietJit)
        {
            return false;
        }

        var last = medians[^3..];
        return last.Max() <= last.Min() * 1.05;
    }

    /// <summary>Collects garbage left by the previous phase so that it is not charged to the next one.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>How long a warm-up lasts at least and at most.</summary>
internal sealed record WarmUp(TimeSpan MinTime, TimeSpan MaxTime)
{
    public static readonly WarmUp UntilSteady = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
}
