using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunbookHost.Lab;
using RunbookHost.Lab.OperatorActions;
using RunbookHost.Lab.Snapshot;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Exchange.Tests.Runbooks;

/// <summary>
/// The shipped workflows (workflows/*.json) on the engine, with the SCC activities and the lab as
/// the environment, on a fake clock: simulated commands are instant, timers and polls move with the clock.
/// </summary>
internal sealed class LabRunbooks : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IConfiguration _configuration;

    private LabRunbooks(ServiceProvider services, IConfiguration configuration)
    {
        _services = services;
        _configuration = configuration;
    }

    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();

    public LabEnvironment Lab => _services.GetRequiredService<LabEnvironment>();

    public IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();

    public IRunStore Runs => _services.GetRequiredService<IRunStore>();

    public static Task<LabRunbooks> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, settings);

    /// <param name="customize">Changes to the registrations after the host's, e.g. a port wrapped.</param>
    public static async Task<LabRunbooks> StartAsync(Action<IServiceCollection>? customize, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runbook:Lab:TimeScale"] = "0", ["Runbook:Lab:StateFile"] = string.Empty }
                .Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))))
            .Build();
        var services = Build(new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero))), configuration, customize);
        var runbooks = new LabRunbooks(services, configuration);
        var definitions = services.GetRequiredService<WorkflowDefinitions>();
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "workflows"), "*.json"))
        {
            await definitions.ImportAsync(WorkflowJson.Parse(await File.ReadAllTextAsync(file)), CancellationToken.None);
        }

        return runbooks;
    }

    /// <summary>A restarted host: a new engine (a host id of its own) over the same stores, lab and clock.</summary>
    public LabRunbooks Restart() => new(Build(new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(Runs)
            .AddSingleton(_services.GetRequiredService<IDefinitionStore>())
            .AddSingleton(Lab), _configuration, null), _configuration);

    private static ServiceProvider Build(IServiceCollection shared, IConfiguration configuration, Action<IServiceCollection>? customize)
    {
        var services = shared
            .AddRunbookWorkflows()
            .AddRunbookExchange(configuration)
            .AddRunbookLab(configuration);
        customize?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public async Task ImportAsync(string json) =>
        await _services.GetRequiredService<WorkflowDefinitions>().ImportAsync(WorkflowJson.Parse(json), CancellationToken.None);

    public Task<string> StartAsync(string definitionId, JsonObject? input = null, string startedBy = "olivia") =>
        Runtime.StartAsync(new StartRunRequest(definitionId, null, input, startedBy), CancellationToken.None);

    /// <summary>
    /// Executes the run, moving the clock through timers and polls, until it ends, waits for a
    /// person, or stops on an incident. Bounded: a run that never settles fails the test.
    /// </summary>
    public async Task<RunRecord> DriveAsync(string runId, TimeSpan? step = null)
    {
        var runner = _services.GetRequiredService<WorkflowRunner>();
        for (int i = 0; i < 2000; i++)
        {
            await RunDueWorkAsync(runner, step ?? TimeSpan.FromMinutes(1));
            var run = (await Runs.GetAsync(runId, CancellationToken.None))!;
            if (run.IsFinished || run.Status == RunStatus.Faulted || (await PendingGatesAsync(runId)).Count > 0)
            {
                return run;
            }

            Time.Advance(step ?? TimeSpan.FromMinutes(1));
        }

        Assert.Fail($"Run {runId} did not settle: {string.Join(" | ", (await JournalAsync(runId)).TakeLast(5).Select(r => r.Message))}");
        return null!;
    }

    /// <summary>
    /// Executes the due work. An activity waiting out a retry's backoff waits on this clock, which nothing else moves:
    /// while the work has not finished after a moment, the clock moves on by <paramref name="step"/>.
    /// </summary>
    private async Task RunDueWorkAsync(WorkflowRunner runner, TimeSpan step)
    {
        var work = runner.RunDueWorkAsync(CancellationToken.None);
        for (int i = 0; i < 2000 && !work.IsCompleted; i++)
        {
            if (await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System)) != work)
            {
                Time.Advance(step);
            }
        }

        await work;
    }

    /// <summary>
    /// Executes due work under <paramref name="host"/>, moving the clock, until that token is cancelled (the host
    /// dies): the executions end there and commit nothing more.
    /// </summary>
    public async Task RunUntilHostDiesAsync(CancellationToken host)
    {
        var runner = _services.GetRequiredService<WorkflowRunner>();
        for (int i = 0; i < 2000 && !host.IsCancellationRequested; i++)
        {
            try
            {
                await runner.RunDueWorkAsync(host);
            }
            catch (OperationCanceledException) when (host.IsCancellationRequested)
            {
                return;
            }

            Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.IsTrue(host.IsCancellationRequested, "The host was expected to die while executing.");
    }

    /// <summary>Moves the clock <paramref name="times"/> steps, executing due work after each, without waiting for the run to settle.</summary>
    public async Task PollAsync(string runId, TimeSpan step, int times)
    {
        var runner = _services.GetRequiredService<WorkflowRunner>();
        for (int i = 0; i < times; i++)
        {
            await runner.RunDueWorkAsync(CancellationToken.None);
            Time.Advance(step);
        }

        await runner.RunDueWorkAsync(CancellationToken.None);
        _ = runId;
    }

    public Task<IReadOnlyList<Bookmark>> PendingGatesAsync(string runId) =>
        Runs.GetBookmarksAsync(new BookmarkQuery(RunId: runId, Names: ["Approval", "ManualStep"]), CancellationToken.None);

    /// <summary>Decides the next gate (approval by an approver, manual step by an operator) and drives on.</summary>
    public async Task<RunRecord> DecideAsync(string runId, string expectedActivity, string decision = "approve", string? actor = null)
    {
        var gate = (await PendingGatesAsync(runId)).Single();
        Assert.AreEqual(expectedActivity, gate.ActivityId, $"waiting at {gate.ActivityId}, not {expectedActivity}");
        var result = await Runtime.ResumeAsync(gate.BookmarkId, new JsonObject { ["decision"] = decision, ["comment"] = "test" }, actor ?? (gate.Name == "Approval" ? "amir" : "olivia"), CancellationToken.None);
        Assert.AreEqual(SignalResult.Accepted, result);
        return await DriveAsync(runId);
    }

    /// <summary>Decides every gate as it comes, in the expected order, and drives the run to its end.</summary>
    public async Task<RunRecord> RunThroughAsync(string runId, params string[] gates)
    {
        var run = await DriveAsync(runId);
        foreach (string gate in gates)
        {
            run = await DecideAsync(runId, gate);
        }

        return run;
    }

    public Task<IReadOnlyList<JournalRecord>> JournalAsync(string runId) => Runs.GetJournalAsync(runId, 0, CancellationToken.None);

    public async Task<IReadOnlyList<string>> CommandsAsync(string runId) =>
        [.. (await JournalAsync(runId)).Where(r => r.Kind == JournalKinds.CommandExecuted).Select(r => r.Data!["commandLine"]!.ToString())];

    /// <summary>The commands a run executed, each with where it ran (a node, or the cluster for cluster.exe).</summary>
    public async Task<IReadOnlyList<(string Target, string CommandLine)>> TargetedCommandsAsync(string runId) =>
        [.. (await JournalAsync(runId)).Where(r => r.Kind == JournalKinds.CommandExecuted).Select(r => (r.Data!["target"]!.ToString(), r.Data!["commandLine"]!.ToString()))];

    public LabSnapshot Snapshot() => Lab.Snapshot();

    /// <summary>What an operator does in Active Directory when asked to re-enable the CMS computer account: the lab's operator action.</summary>
    public void ReEnableCmsComputerAccount() => Lab.Perform(new LabActionRequest(LabActions.EnableCmsComputerAccount));

    public static LabGroupView? CmsGroup(LabSnapshot snapshot, string site) =>
        snapshot.Sites.Single(s => s.Name == site).Groups.FirstOrDefault(g => g.Name == "MBX-1");

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookHost.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
