namespace RunbookHost.Benchmarks.Engine;

/// <summary>A workflow engine under benchmark, running the workloads of <see cref="Workload"/>.</summary>
internal interface IContender : IAsyncDisposable
{
    string Name { get; }

    /// <summary>(a) Starts one sequential instance and returns the time until it completed.</summary>
    Task<TimeSpan> RunSequenceAsync(CancellationToken cancellationToken);

    /// <summary>(b) Starts <paramref name="instances"/> sequential instances at once and returns the time until the last completed.</summary>
    Task<TimeSpan> RunBatchAsync(int instances, CancellationToken cancellationToken);

    /// <summary>(c) Brings an instance to its wait (not timed), then returns the time from resuming it until it completed.</summary>
    Task<TimeSpan> ResumeToCompletionAsync(CancellationToken cancellationToken);
}

/// <summary>The shape of the workflows both engines run.</summary>
internal static class Workload
{
    /// <summary>Steps of the sequential workflow of (a) and (b).</summary>
    public const int SequenceSteps = 20;

    /// <summary>Instances started at once in (b).</summary>
    public const int BatchInstances = 1_000;

    /// <summary>Steps after the wait in (c).</summary>
    public const int StepsAfterResume = 5;
}
