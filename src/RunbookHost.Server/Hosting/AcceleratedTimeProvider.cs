namespace RunbookHost.Server.Hosting;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time, for the demo: every timer,
/// delay, poll, lease and simulated duration shrinks alike, so realistic durations (a 20-minute DNS
/// TTL, an hour of resync) pass in seconds while the journal still shows them at their real size.
/// </summary>
internal sealed class AcceleratedTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _origin = System.GetUtcNow();
    private readonly long _start = System.GetTimestamp();

    public double Factor { get; } = factor > 0 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), "The factor must be positive.");

    public override DateTimeOffset GetUtcNow() => _origin + (System.GetElapsedTime(_start) * Factor);

    public override long GetTimestamp() => _start + (long)((System.GetTimestamp() - _start) * Factor);

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Shrink(dueTime), Shrink(period));

    private TimeSpan Shrink(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Factor)));
}
