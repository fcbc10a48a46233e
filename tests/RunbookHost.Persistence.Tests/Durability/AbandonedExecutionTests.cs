using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// An execution that fails (here: one commit is lost) while a non-idempotent command is still in
/// flight must not let the run be picked up again until that command has ended.
/// </summary>
[TestClass]
public sealed class AbandonedExecutionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void Cleanup() => SqliteConnection.ClearAllPools();

    [TestMethod]
    public async Task ExecuteAsync_CommitFailsWhileCommandInFlight_DoesNotRunTheCommandAgain()
    {
        var cancellationToken = TestContext.CancellationToken;
        await using var database = await new SqliteTestDatabase().MigratedAsync(cancellationToken);
        var store = new FailingCommitRunStore(database.CreateRunStore());
        using var world = new RemoteWorld();
        await using var services = new ServiceCollection()
            .AddSingleton<IRunStore>(store)
            .AddSingleton(database.CreateDefinitionStore())
            .AddSingleton(world)
            .AddRunbookWorkflows(o => o.HostId = "host-1")
            .AddActivity<RemoteCommand>()
            .BuildServiceProvider();
        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        await services.GetRequiredService<WorkflowDefinitions>().ImportAsync(Definition, cancellationToken);
        string runId = await runtime.StartAsync(new StartRunRequest(Definition.DefinitionId, null, null, "olivia"), cancellationToken);

        // The command starts and keeps running remotely; meanwhile the commit of the other branch's step is lost.
        store.FailNext = c => c.Journal.Any(r => r.Kind == JournalKinds.ActivityCompleted && r.ActivityId == "note");
        store.FailAfter = world.FirstStart.Task;
        var failing = runtime.ExecuteAsync(runId, cancellationToken);
        await world.FirstStart.Task.WaitAsync(Timeout, cancellationToken);

        // The failed execution keeps the run (and its lease) while its command still runs: the runner's
        // next passes, here or on another host, must not start the command a second time.
        for (int i = 0; i < 5; i++)
        {
            await runtime.ExecuteAsync(runId, cancellationToken).WaitAsync(Timeout, cancellationToken);
            Assert.IsFalse(await store.TryAcquireLeaseAsync(runId, "host-2", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(30), cancellationToken), "another host could take the run while its command runs");
        }

        Assert.AreEqual(1, world.Started, "the command was in flight when the execution failed, and was not started again");
        world.Finish.TrySetResult();
        await Assert.ThrowsExactlyAsync<IOException>(() => failing.WaitAsync(Timeout, cancellationToken));

        // Now the run is picked up again: the command's effect is there, so reconciliation completes it.
        await runtime.ExecuteAsync(runId, cancellationToken).WaitAsync(Timeout, cancellationToken);
        for (int i = 0; i < world.Started; i++)
        {
            await world.Ended.WaitAsync(Timeout, cancellationToken);
        }

        Assert.AreEqual(RunStatus.Completed, (await store.GetAsync(runId, cancellationToken))!.Status);
        Assert.AreEqual(1, world.Effects.Count, $"the command was started {world.Started} times and took effect {world.Effects.Count} times");
    }

    private static WorkflowDefinition Definition { get; } = new()
    {
        DefinitionId = "abandoned",
        Root = new ActivityNode
        {
            Id = "root",
            Type = "Flowchart",
            Activities =
            [
                new ActivityNode { Id = "fork", Type = "Fork", Inputs = new() { ["branches"] = InputValue.Literal(new JsonArray("A", "B")) } },
                new ActivityNode { Id = "recoverCms", Type = "Test.RemoteCommand" },
                new ActivityNode { Id = "note", Type = "Log", Inputs = new() { ["message"] = InputValue.Literal("meanwhile") } },
            ],
            Connections = [Connection.Between("fork", "A", "recoverCms"), Connection.Between("fork", "B", "note")],
        },
    };

    /// <summary>A remote system: a command, once sent, runs to its end whatever happens to the caller.</summary>
    private sealed class RemoteWorld : IDisposable
    {
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public ConcurrentQueue<string> Effects { get; } = new();

        public TaskCompletionSource FirstStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SemaphoreSlim Ended { get; } = new(0);

        public void Start()
        {
            (Interlocked.Increment(ref _started) == 1 ? FirstStart : SecondStart).TrySetResult();
        }

        public void Dispose() => Ended.Dispose();
    }

    /// <summary>Like <c>setup /recoverCMS</c> over SSH: non-idempotent, reconcilable, not stoppable once sent.</summary>
    [Activity("Test.RemoteCommand", "Test", "Remote command", SideEffect = SideEffect.NonIdempotent)]
    private sealed class RemoteCommand(RemoteWorld world) : Activity, IReconcilableActivity
    {
        public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
        {
            world.Start();
            await world.Finish.Task;
            world.Effects.Enqueue(context.Path);
            world.Ended.Release();
            return context.Done();
        }

        public ValueTask<ReconcileResult> ReconcileAsync(ActivityExecutionContext context) =>
            new(world.Effects.Contains(context.Path)
                ? ReconcileResult.AlreadyDone("The remote system reports the command done.")
                : ReconcileResult.NotDone("The remote system reports no such command."));
    }
}
