using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Stores.InMemory;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class LeaseRenewalTests
{
    [TestMethod]
    public async Task Renewal_DueAsTheFinishingCommitFreesTheLease_IsNoLeaseLost()
    {
        // The lease's renewal timer fires while the run's last commit is freeing the lease: the renewal is
        // refused (nobody holds the lease any more), which is the run finishing, not another host taking it.
        var logs = new CapturingLogger();
        var store = new FinishHookRunStore(new InMemoryRunStore());
        await using var engine = new Engine(store, configure: s => s.AddSingleton<ILogger<WorkflowRuntime>>(logs));
        store.OnFinished = () => engine.Time.Advance(TimeSpan.FromSeconds(10)); // the renewal period: a third of the 30 s lease
        await engine.PublishAsync(Def.Sequence("short", Def.Node("only", "Test.Step", ("key", Def.Lit("only")))));

        string runId = await engine.StartAsync("short");
        await engine.Runtime.ExecuteAsync(runId, CancellationToken.None);

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        Assert.IsTrue(store.Finished, "the renewal came due as the lease was freed");
        Assert.IsFalse(logs.Messages.Any(m => m.Contains("Lost the lease", StringComparison.Ordinal)), string.Join("\n", logs.Messages));
    }

    /// <summary>Runs <see cref="OnFinished"/> right after the commit that frees a finished run's lease, before the engine hears back.</summary>
    private sealed class FinishHookRunStore(IRunStore inner) : DelegatingRunStore(inner)
    {
        public Action? OnFinished { get; set; }

        public bool Finished { get; private set; }

        public override async Task CommitAsync(RunCommit commit, CancellationToken cancellationToken)
        {
            await base.CommitAsync(commit, cancellationToken);
            if (commit.ReleaseLease)
            {
                Finished = true;
                OnFinished?.Invoke();
            }
        }
    }

    private sealed class CapturingLogger : ILogger<WorkflowRuntime>
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
            {
                _messages.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
