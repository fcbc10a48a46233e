using System.Text.Json.Nodes;
using RunbookHost.Exchange;
using RunbookHost.Lab;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Plans;

/// <summary>One planned step: an activity, the commands it would run, and the gate it would wait at.</summary>
internal sealed record PlannedStep(int Order, string ActivityId, string Type, string? Name, IReadOnlyList<PlannedCommand> Commands, PlannedGate? Gate, string? Outcome, string? Note);

/// <summary>A command a step would run, exactly as rendered.</summary>
internal sealed record PlannedCommand(string Target, string CommandLine);

/// <summary>A person's gate the run would wait at.</summary>
internal sealed record PlannedGate(string Kind, string Title, string? Instructions);

/// <summary>The dry run's answer.</summary>
internal sealed record Plan(string DefinitionId, int Version, JsonObject Input, IReadOnlyList<string> Assumptions, IReadOnlyList<PlannedStep> Steps, string EndStatus, string? Fault);

/// <summary>
/// Plans a workflow by running it in a sandbox: an in-memory engine and a lab built from the
/// topology (its nominal state: the CMS active at the primary, the standby prepared, replication in
/// full sync), on a fast clock, every approval granted and every manual step confirmed. The
/// sandbox is thrown away; the host's runs, lab and real systems are never touched.
/// </summary>
internal sealed class DryRun(IDefinitionStore definitions, IConfiguration configuration)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public async Task<Plan?> PlanAsync(string definitionId, int? version, JsonObject? input, CancellationToken cancellationToken)
    {
        var definition = version is { } v ? await definitions.GetAsync(definitionId, v, cancellationToken) : await definitions.GetPublishedAsync(definitionId, cancellationToken);
        if (definition is null)
        {
            return null;
        }

        var sandboxConfiguration = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runbook:Lab:TimeScale"] = "0", ["Runbook:Lab:StateFile"] = string.Empty })
            .Build();
        await using var sandbox = new ServiceCollection()
            .AddSingleton<TimeProvider>(new AcceleratedTimeProvider(100_000))
            .AddRunbookWorkflows()
            .AddRunbookExchange(sandboxConfiguration)
            .AddRunbookLab(sandboxConfiguration)
            .BuildServiceProvider();
        await sandbox.GetRequiredService<WorkflowDefinitions>().ImportAsync(definition with { Version = 0, IsPublished = false }, cancellationToken);
        var runtime = sandbox.GetRequiredService<IWorkflowRuntime>();
        var store = sandbox.GetRequiredService<IRunStore>();
        string runId = await runtime.StartAsync(new StartRunRequest(definitionId, null, input, "dry-run"), cancellationToken);
        var run = await DriveAsync(sandbox, runtime, store, runId, cancellationToken);
        var journal = await store.GetJournalAsync(runId, 0, cancellationToken);
        bool lab = Drivers.IsLab(configuration);
        return new Plan(
            definition.DefinitionId,
            definition.Version,
            run.Input,
            [
                "Planned in a sandbox lab built from the topology, in its nominal state: the CMS active at the first site, the standby prepared, replication in full sync.",
                "Every approval is assumed approved and every manual step done; checks are evaluated against that nominal state.",
                lab ? "Nothing was executed: the host's lab and runs are untouched." : "Nothing was executed. Command lines are rendered as the lab renders them; the real drivers run the same commands with the configured executable paths.",
            ],
            Steps(definition, journal),
            run.Status.ToString(),
            run.Fault ?? await OpenIncidentAsync(store, runId, cancellationToken));
    }

    private static async Task<RunRecord> DriveAsync(ServiceProvider sandbox, IWorkflowRuntime runtime, IRunStore store, string runId, CancellationToken cancellationToken)
    {
        var runner = sandbox.GetRequiredService<WorkflowRunner>();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        while (true)
        {
            await runner.RunDueWorkAsync(limit.Token);
            var run = (await store.GetAsync(runId, limit.Token))!;
            if (run.IsFinished || run.Status == RunStatus.Faulted)
            {
                return run;
            }

            foreach (var gate in await store.GetBookmarksAsync(new BookmarkQuery(RunId: runId, Names: ["Approval", "ManualStep"]), limit.Token))
            {
                await runtime.ResumeAsync(gate.BookmarkId, new JsonObject { ["decision"] = "approve", ["comment"] = "assumed in the plan" }, "dry-run", limit.Token);
            }

            await Task.Delay(2, limit.Token);
        }
    }

    /// <summary>Why a plan stopped at a step that faulted: the sandbox run waits on an incident rather than ending.</summary>
    private static async Task<string?> OpenIncidentAsync(IRunStore store, string runId, CancellationToken cancellationToken) =>
        (await store.GetIncidentsAsync(runId, cancellationToken)).FirstOrDefault(i => i.IsOpen) is { } incident ? $"{incident.ActivityId}: {incident.Message}" : null;

    private static List<PlannedStep> Steps(WorkflowDefinition definition, IReadOnlyList<JournalRecord> journal)
    {
        var names = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        Index(definition.Root, names);
        var steps = new List<Step>();
        var open = new Dictionary<string, Step>(StringComparer.Ordinal);
        foreach (var record in journal.Where(r => r.ActivityId is not null))
        {
            string id = record.ActivityId!;
            // A step begins with its first record: ActivityStarted for side effects and anything
            // long-running; an activity without side effects that finished at once has only its
            // completion (or its wait).
            if (!open.TryGetValue(id, out var current))
            {
                if (!OpensStep(record.Kind) || !names.TryGetValue(id, out var node) || node.Type == "Flowchart")
                {
                    continue;
                }

                current = new Step(id, node.Type, node.Name);
                steps.Add(current);
                open[id] = current;
            }

            switch (record.Kind)
            {
                case JournalKinds.CommandExecuted:
                    current.Commands.Add(new PlannedCommand(record.Data?["target"]?.ToString() ?? string.Empty, record.Data?["commandLine"]?.ToString() ?? record.Message));
                    break;
                case JournalKinds.ApprovalRequested or JournalKinds.ManualStepRequested:
                    current.Gate = new PlannedGate(record.Kind == JournalKinds.ApprovalRequested ? "approval" : "manualStep", record.Data?["title"]?.ToString() ?? id, record.Data?["instructions"]?.ToString());
                    break;
                case "CheckFailed":
                    current.Note = record.Data?["reason"]?.ToString();
                    break;
                case JournalKinds.ActivityFaulted:
                    current.Note = record.Data?["error"]?.ToString() ?? record.Message;
                    open.Remove(id);
                    break;
                case JournalKinds.ActivityCompleted:
                    current.Outcome = string.Join(",", record.Data?["outcomes"]?.AsArray().Select(o => o?.ToString()) ?? []);
                    open.Remove(id);
                    break;
            }
        }

        return [.. steps.Select((s, i) => new PlannedStep(i + 1, s.ActivityId, s.Type, s.Name, s.Commands, s.Gate, s.Outcome, s.Note))];
    }

    private static bool OpensStep(string kind) =>
        kind is JournalKinds.ActivityStarted or JournalKinds.ActivityCompleted or JournalKinds.ApprovalRequested
            or JournalKinds.ManualStepRequested or JournalKinds.CommandExecuted or JournalKinds.ActivityFaulted or "CheckFailed";

    private static void Index(ActivityNode node, Dictionary<string, ActivityNode> names)
    {
        names[node.Id] = node;
        foreach (var child in node.Children())
        {
            Index(child, names);
        }
    }

    private sealed class Step(string activityId, string type, string? name)
    {
        public string ActivityId { get; } = activityId;

        public string Type { get; } = type;

        public string? Name { get; } = name;

        public List<PlannedCommand> Commands { get; } = [];

        public PlannedGate? Gate { get; set; }

        public string? Outcome { get; set; }

        public string? Note { get; set; }
    }
}
