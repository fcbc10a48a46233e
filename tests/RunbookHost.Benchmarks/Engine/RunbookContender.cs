using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>
/// Our engine as a host would configure it by default (in-memory stores, <see cref="TimeProvider.System"/>),
/// driven through <see cref="IWorkflowRuntime"/> on the calling task; the background runner is not started.
/// </summary>
internal sealed class RunbookContender : IContender
{
    private const string Actor = "bench";

    /// <summary>Runs the store holds before it is emptied (not timed); see <see cref="EmptiableRunStore"/>.</summary>
    private const int RunsPerStore = Workload.BatchInstances;

    private readonly ServiceProvider _services;
    private readonly IWorkflowRuntime _runtime;
    private readonly EmptiableRunStore _runs;
    private int _runsInStore;

    private RunbookContender(ServiceProvider services, EmptiableRunStore runs)
    {
        _services = services;
        _runtime = services.GetRequiredService<IWorkflowRuntime>();
        _runs = runs;
    }

    public string Name => "RunbookHost";

    public static async Task<RunbookContender> CreateAsync(CancellationToken cancellationToken)
    {
        var runs = new EmptiableRunStore();
        var services = new ServiceCollection()
            .AddSingleton<IRunStore>(runs)
            .AddRunbookWorkflows()
            .AddActivity<BenchStep>()
            .BuildServiceProvider();
        var definitions = services.GetRequiredService<WorkflowDefinitions>();
        foreach (var definition in new[] { RunbookDefinitions.Sequence(), RunbookDefinitions.ApprovalThenSteps() })
        {
            await definitions.SaveDraftAsync(definition, cancellationToken);
            await definitions.PublishAsync(definition.DefinitionId, null, cancellationToken);
        }

        var contender = new RunbookContender(services, runs);
        await contender.VerifyAsync(cancellationToken);
        return contender;
    }

    public async Task<TimeSpan> RunSequenceAsync(CancellationToken cancellationToken)
    {
        MakeRoomFor(1);
        long started = Stopwatch.GetTimestamp();
        string runId = await RunToEndAsync(RunbookDefinitions.SequenceId, cancellationToken);
        var status = await StatusAsync(runId, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Expect(status, RunStatus.Completed, runId);
        return elapsed;
    }

    public async Task<TimeSpan> RunBatchAsync(int instances, CancellationToken cancellationToken)
    {
        MakeRoomFor(instances);
        var runIds = new string[instances];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        long started = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, instances, parallel, async (i, ct) => runIds[i] = await RunToEndAsync(RunbookDefinitions.SequenceId, ct));
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (string runId in runIds)
        {
            Expect(await StatusAsync(runId, cancellationToken), RunStatus.Completed, runId);
        }

        return elapsed;
    }

    public async Task<TimeSpan> ResumeToCompletionAsync(CancellationToken cancellationToken) =>
        (await ResumeOnceAsync(cancellationToken)).Elapsed;

    private async Task<(string RunId, TimeSpan Elapsed)> ResumeOnceAsync(CancellationToken cancellationToken)
    {
        MakeRoomFor(1);
        string runId = await RunToEndAsync(RunbookDefinitions.ResumeId, cancellationToken);
        Expect(await StatusAsync(runId, cancellationToken), RunStatus.Suspended, runId);
        var bookmark = (await _runs.GetBookmarksAsync(new BookmarkQuery(RunId: runId), cancellationToken)).Single();

        long started = Stopwatch.GetTimestamp();
        var result = await _runtime.ResumeAsync(bookmark.BookmarkId, new JsonObject { ["decision"] = "approve" }, Actor, cancellationToken);
        await _runtime.ExecuteAsync(runId, cancellationToken);
        var status = await StatusAsync(runId, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        if (result != SignalResult.Accepted)
        {
            throw new InvalidOperationException($"Resuming run {runId} was not accepted: {result}.");
        }

        Expect(status, RunStatus.Completed, runId);
        return (runId, elapsed);
    }

    /// <summary>
    /// Once, not timed: a run of each workflow executes every one of its steps. It also keeps the
    /// first run of each definition version, which validates and compiles it, out of the timings.
    /// </summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        string sequence = await RunToEndAsync(RunbookDefinitions.SequenceId, cancellationToken);
        await ExpectStepsAsync(sequence, Workload.SequenceSteps, cancellationToken);
        var (resumed, _) = await ResumeOnceAsync(cancellationToken);
        await ExpectStepsAsync(resumed, Workload.StepsAfterResume, cancellationToken);
    }

    private async Task ExpectStepsAsync(string runId, int steps, CancellationToken cancellationToken)
    {
        var journal = await _runs.GetJournalAsync(runId, 0, cancellationToken);
        int completed = journal.Count(r => r.Kind == JournalKinds.ActivityCompleted && r.ActivityId?.StartsWith(RunbookDefinitions.StepIdPrefix, StringComparison.Ordinal) == true);
        if (completed != steps)
        {
            throw new InvalidOperationException($"Run {runId} completed {completed} steps, expected {steps}.");
        }
    }

    /// <summary>Empties the store when <paramref name="runs"/> more would take it past <see cref="RunsPerStore"/>.</summary>
    private void MakeRoomFor(int runs)
    {
        if (_runsInStore + runs > RunsPerStore)
        {
            _runs.Empty();
            _runsInStore = 0;
        }

        _runsInStore += runs;
    }

    private async Task<string> RunToEndAsync(string definitionId, CancellationToken cancellationToken)
    {
        string runId = await _runtime.StartAsync(new StartRunRequest(definitionId, null, null, Actor), cancellationToken);
        await _runtime.ExecuteAsync(runId, cancellationToken);
        return runId;
    }

    private async Task<RunStatus?> StatusAsync(string runId, CancellationToken cancellationToken) =>
        (await _runs.GetAsync(runId, cancellationToken))?.Status;

    private static void Expect(RunStatus? actual, RunStatus expected, string runId)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Run {runId} is {actual?.ToString() ?? "missing"}, expected {expected}.");
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
