using RunbookHost.Benchmarks.Measurement;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>
/// Our engine and WorkflowCore side by side, in one process, on the same workloads: (a) latency of
/// one sequential instance, (b) throughput of many, (c) resume to completion. Each phase gets fresh
/// engines, warms them up, and runs with the other engine stopped.
/// </summary>
internal static class EngineBenchmark
{
    private const int LatencyRuns = 400;
    private const int ResumeRuns = 200;
    private const int Batches = 3;

    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var otherWork = OtherWork.Start();
        await output.WriteLineAsync("Engine vs WorkflowCore 3.22.0");
        await output.WriteLineAsync($"Machine: {MachineInfo.Describe()}");
        await output.WriteLineAsync($"RunbookHost: AddRunbookWorkflows() defaults (in-memory stores, TimeProvider.System), runs executed on the calling task.");
        await output.WriteLineAsync($"WorkflowCore 3.22.0: {WorkflowCoreContender.Configuration}.");
        await output.WriteLineAsync();

        await output.WriteLineAsync($"(a) one {Workload.SequenceSteps}-step instance, start to completion ...");
        var oursLatency = await RunbookAsync(c => Measure.RepeatAsync(WarmUp.UntilSteady, LatencyRuns, c.RunSequenceAsync, cancellationToken), cancellationToken);
        var theirsLatency = await WorkflowCoreAsync(c => Measure.RepeatAsync(WarmUp.UntilSteady, LatencyRuns, c.RunSequenceAsync, cancellationToken), cancellationToken);

        await output.WriteLineAsync($"(b) {Workload.BatchInstances:N0} instances at once, wall time ...");
        var oursBatch = await RunbookAsync(c => MeasureBatchesAsync(c, cancellationToken), cancellationToken);
        var theirsBatch = await WorkflowCoreAsync(c => MeasureBatchesAsync(c, cancellationToken), cancellationToken);

        await output.WriteLineAsync($"(c) resume from a wait, then {Workload.StepsAfterResume} steps ...");
        var oursResume = await RunbookAsync(c => Measure.RepeatAsync(WarmUp.UntilSteady, ResumeRuns, c.ResumeToCompletionAsync, cancellationToken), cancellationToken);
        var theirsResume = await WorkflowCoreAsync(c => Measure.RepeatAsync(WarmUp.UntilSteady, ResumeRuns, c.ResumeToCompletionAsync, cancellationToken), cancellationToken);
        await output.WriteLineAsync();

        var comparison = new Comparison("RunbookHost", "WorkflowCore");
        var results = new Results();
        const int steps = Workload.SequenceSteps;
        const int batchSteps = Workload.BatchInstances * Workload.SequenceSteps;

        comparison.AddTime($"(a) latency, median ({LatencyRuns} runs)", oursLatency.Median, theirsLatency.Median);
        comparison.AddTime("(a) latency, p99", oursLatency.P99, theirsLatency.P99);
        double stepRatio = comparison.AddTime($"(a) per step = median / {steps}", oursLatency.Median / steps, theirsLatency.Median / steps);
        double oursRate = Workload.BatchInstances / (oursBatch.Median / 1e6);
        double theirsRate = Workload.BatchInstances / (theirsBatch.Median / 1e6);
        comparison.AddTime($"(b) wall time, median of {Batches}", oursBatch.Median, theirsBatch.Median);
        comparison.AddRate("(b) throughput", oursRate, theirsRate, "instances/s");
        double batchStepRatio = comparison.AddTime($"(b) per step = wall / {batchSteps:N0}", oursBatch.Median / batchSteps, theirsBatch.Median / batchSteps);
        double resumeRatio = comparison.AddTime($"(c) resume to completion, median ({ResumeRuns} runs)", oursResume.Median, theirsResume.Median);
        comparison.AddTime("(c) resume to completion, p99", oursResume.P99, theirsResume.P99);
        await comparison.WriteAsync(output);
        await output.WriteLineAsync();
        if (otherWork is not null)
        {
            await output.WriteLineAsync(otherWork.Describe());
        }

        await output.WriteLineAsync("engine.step_ratio is from (a), the latency per step; (b) per step is shown as engine.throughput_step_ratio.");

        results.Add("engine.ours_step_us", oursLatency.Median / steps, "us");
        results.Add("engine.wfcore_step_us", theirsLatency.Median / steps, "us");
        results.Add("engine.step_ratio", stepRatio, "x");
        results.Add("engine.ours_throughput_per_s", oursRate, "instances/s");
        results.Add("engine.wfcore_throughput_per_s", theirsRate, "instances/s");
        results.Add("engine.ours_throughput_step_us", oursBatch.Median / batchSteps, "us");
        results.Add("engine.wfcore_throughput_step_us", theirsBatch.Median / batchSteps, "us");
        results.Add("engine.throughput_step_ratio", batchStepRatio, "x");
        results.Add("engine.ours_resume_us", oursResume.Median, "us");
        results.Add("engine.wfcore_resume_us", theirsResume.Median, "us");
        results.Add("engine.resume_ratio", resumeRatio, "x");
        await results.WriteAsync(output);
    }

    /// <summary>
    /// (b) warms up on single instances (the same code path), runs one batch to warm the batch's own
    /// path, then times <see cref="Batches"/> batches, each from a collected heap.
    /// </summary>
    private static async Task<Samples> MeasureBatchesAsync(IContender contender, CancellationToken cancellationToken)
    {
        await Measure.WarmUpAsync(WarmUp.UntilSteady, contender.RunSequenceAsync, cancellationToken);
        await contender.RunBatchAsync(Workload.BatchInstances, cancellationToken);
        var samples = new Samples(Batches);
        for (int i = 0; i < Batches; i++)
        {
            Measure.Settle();
            samples.Add(await contender.RunBatchAsync(Workload.BatchInstances, cancellationToken));
        }

        return samples;
    }

    private static Task<Samples> RunbookAsync(Func<RunbookContender, Task<Samples>> measure, CancellationToken cancellationToken) =>
        PhaseAsync(RunbookContender.CreateAsync, measure, cancellationToken);

    private static Task<Samples> WorkflowCoreAsync(Func<WorkflowCoreContender, Task<Samples>> measure, CancellationToken cancellationToken) =>
        PhaseAsync(WorkflowCoreContender.StartAsync, measure, cancellationToken);

    /// <summary>One engine on one workload: a fresh instance of it, measured, then stopped.</summary>
    private static async Task<Samples> PhaseAsync<T>(Func<CancellationToken, Task<T>> create, Func<T, Task<Samples>> measure, CancellationToken cancellationToken)
        where T : IContender
    {
        Measure.Settle();
        var contender = await create(cancellationToken);
        await using (contender)
        {
            return await measure(contender);
        }
    }
}
