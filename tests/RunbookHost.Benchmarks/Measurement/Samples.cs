namespace RunbookHost.Benchmarks.Measurement;

/// <summary>Timings of repeated operations, in microseconds, with the statistics a report needs.</summary>
internal sealed class Samples
{
    private readonly List<double> _micros;
    private double[]? _sorted;

    public Samples(int capacity = 0) => _micros = new(capacity);

    public int Count => _micros.Count;

    /// <summary>Every sample, in microseconds, in the order taken.</summary>
    public IReadOnlyList<double> Values => _micros;

    public void Add(TimeSpan elapsed)
    {
        _micros.Add(elapsed.TotalMicroseconds);
        _sorted = null;
    }

    public double Median => Percentile(50);

    public double P99 => Percentile(99);

    public double Min => Sorted()[0];

    /// <summary>Nearest-rank percentile: the smallest sample with at least <paramref name="percent"/>% of the samples at or below it.</summary>
    public double Percentile(double percent)
    {
        var sorted = Sorted();
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private double[] Sorted()
    {
        if (_micros.Count == 0)
        {
            throw new InvalidOperationException("No samples were taken.");
        }

        if (_sorted is null)
        {
            _sorted = [.. _micros];
            Array.Sort(_sorted);
        }

        return _sorted;
    }
}
