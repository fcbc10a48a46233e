namespace RunbookHost.Designer.Tests.Support;

/// <summary>
/// A clock <see cref="Factor"/> times faster than real time (the server's demo clock is internal):
/// the engine's timers and polls and the lab's simulated durations shrink alike, so a 20-minute DNS
/// TTL or a one-minute poll passes in a blink while the journal shows real-sized times.
/// </summary>
internal sealed class AcceleratedClock(double factor) : TimeProvider
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
