using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>
/// WorkflowCore 3.22.0 with its default single-node providers (in-memory persistence, queue, lock)
/// and its host started, since its background consumers are what executes workflows. Its settings
/// are the ones that gave it its best figures here (<see cref="PollInterval"/>, <see cref="IdleTime"/>).
/// </summary>
internal sealed class WorkflowCoreContender : IContender
{
    /// <summary>
    /// How often WorkflowCore polls its store for runnable instances and unprocessed events: kept at
    /// its default of 10 s. No measured path waits for a poll (starting, publishing an event and
    /// each step's re-queue go straight to the in-memory queue), and a short interval makes
    /// WorkflowCore slower: every poll re-queues each instance in flight (they are all due), which its
    /// consumer then bounces. At 10 ms its throughput in (b) halved. See docs/benchmarks.md.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long a consumer pauses when it runs its maximum of instances at once: 1 ms instead of the default 100 ms.</summary>
    public static readonly TimeSpan IdleTime = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private readonly IWorkflowPurger _purger;
    private readonly CompletionHook _completions;

    private WorkflowCoreContender(ServiceProvider services, CompletionHook completions)
    {
        _services = services;
        _host = services.GetRequiredService<IWorkflowHost>();
        _purger = services.GetRequiredService<IWorkflowPurger>();
        _completions = completions;
    }

    public string Name => "WorkflowCore";

    /// <summary>The settings that differ from WorkflowCore's defaults, for the report.</summary>
    public static string Configuration => string.Create(
        CultureInfo.InvariantCulture,
        $"default single-node providers (in-memory persistence, queue, lock); poll interval {PollInterval.TotalSeconds} s (default); idle time {IdleTime.TotalMilliseconds} ms (default 100 ms); max concurrent workflows {Math.Max(Environment.ProcessorCount, 4)} (default)");

    public static async Task<WorkflowCoreContender> StartAsync(CancellationToken cancellationToken)
    {
        var completions = new CompletionHook();
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddWorkflow(options =>
            {
                options.UsePollInterval(PollInterval);
                options.UseIdleTime(IdleTime);
            })
            .AddWorkflowMiddleware(_ => completions)
            .AddTransient<WorkflowCoreStep>()
            .BuildServiceProvider();
        var contender = new WorkflowCoreContender(services, completions);
        contender._host.RegisterWorkflow<SequenceWorkflow>();
        contender._host.RegisterWorkflow<WaitThenStepsWorkflow, WaitData>();
        await contender._host.StartAsync(cancellationToken);
        return contender;
    }

    public async Task<TimeSpan> RunSequenceAsync(CancellationToken cancellationToken)
    {
        string reference = NewReference();
        var completed = _completions.Expect(reference);
        long started = Stopwatch.GetTimestamp();
        string id = await _host.StartWorkflow(SequenceWorkflow.DefinitionId, data: null, reference);
        long completedAt = await completed.WaitAsync(Timeout, cancellationToken);
        await SettleAsync([id], Workload.SequenceSteps, cancellationToken);
        return Stopwatch.GetElapsedTime(started, completedAt);
    }

    public async Task<TimeSpan> RunBatchAsync(int instances, CancellationToken cancellationToken)
    {
        var references = Enumerable.Range(0, instances).Select(_ => NewReference()).ToArray();
        var completions = references.Select(_completions.Expect).ToArray();
        var ids = new string[instances];
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < instances; i++)
        {
            ids[i] = await _host.StartWorkflow(SequenceWorkflow.DefinitionId, data: null, references[i]);
        }

        long[] completedAt = await Task.WhenAll(completions).WaitAsync(Timeout, cancellationToken);
        await SettleAsync(ids, Workload.SequenceSteps, cancellationToken);
        return Stopwatch.GetElapsedTime(started, completedAt.Max());
    }

    public async Task<TimeSpan> ResumeToCompletionAsync(CancellationToken cancellationToken)
    {
        string reference = NewReference();
        var data = new WaitData { Key = reference };
        var completed = _completions.Expect(reference);
        string id = await _host.StartWorkflow(WaitThenStepsWorkflow.DefinitionId, data, reference);
        await WaitForSubscriptionAsync(data.Key, cancellationToken);
        await WaitUntilUnlockedAsync(id, cancellationToken);

        long started = Stopwatch.GetTimestamp();
        await _host.PublishEvent(WaitThenStepsWorkflow.EventName, data.Key, "approve");
        long completedAt = await completed.WaitAsync(Timeout, cancellationToken);
        await SettleAsync([id], Workload.StepsAfterResume, cancellationToken);
        return Stopwatch.GetElapsedTime(started, completedAt);
    }

    private static string NewReference() => Guid.NewGuid().ToString("N");

    /// <summary>Until the instance waits for its event: WorkflowCore persisted its subscription.</summary>
    private async Task WaitForSubscriptionAsync(string key, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (!(await _host.PersistenceStore.GetSubscriptions(WaitThenStepsWorkflow.EventName, key, DateTime.UtcNow, cancellationToken)).Any())
        {
            ThrowIfLate(started, $"the subscription of key {key}");
            await Task.Delay(1, cancellationToken);
        }
    }

    /// <summary>Until WorkflowCore's consumer let go of the instance (it holds the lock while it executes and persists).</summary>
    private async Task WaitUntilUnlockedAsync(string id, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (!await _host.LockProvider.AcquireLock(id, cancellationToken))
        {
            ThrowIfLate(started, $"the lock of instance {id}");
            await Task.Delay(1, cancellationToken);
        }

        await _host.LockProvider.ReleaseLock(id);
    }

    /// <summary>
    /// Checks the instances completed, each with <paramref name="steps"/> <see cref="WorkflowCoreStep"/>s, waits until WorkflowCore is done with them, and purges them:
    /// its in-memory store scans a list on every read and write, so instances left behind would slow
    /// the next measurement down.
    /// </summary>
    private async Task SettleAsync(string[] ids, int steps, CancellationToken cancellationToken)
    {
        foreach (string id in ids)
        {
            var instance = await _host.PersistenceStore.GetWorkflowInstance(id, cancellationToken);
            if (instance?.Status != WorkflowStatus.Complete)
            {
                throw new InvalidOperationException($"WorkflowCore instance {id} is {instance?.Status.ToString() ?? "missing"}, expected Complete.");
            }

            var definition = _host.Registry.GetDefinition(instance.WorkflowDefinitionId, instance.Version);
            int completedSteps = instance.ExecutionPointers.Count(p => p.Status == PointerStatus.Complete && definition.Steps.FindById(p.StepId)?.BodyType == typeof(WorkflowCoreStep));
            if (completedSteps != steps)
            {
                throw new InvalidOperationException($"WorkflowCore instance {id} completed {completedSteps} steps, expected {steps}.");
            }

            await WaitUntilUnlockedAsync(id, cancellationToken);
        }

        await _purger.PurgeWorkflows(WorkflowStatus.Complete, DateTime.UtcNow.AddMinutes(1), cancellationToken);
    }

    private static void ThrowIfLate(long started, string what)
    {
        if (Stopwatch.GetElapsedTime(started) > Timeout)
        {
            throw new TimeoutException($"WorkflowCore did not settle {what} within {Timeout.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
