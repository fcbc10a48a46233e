using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities.Human;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Benchmarks.Engine;

/// <summary>The benchmark workflows as our engine's definitions.</summary>
internal static class RunbookDefinitions
{
    public const string SequenceId = "bench-sequence";
    public const string ResumeId = "bench-resume";
    public const string ApprovalId = "approval";

    /// <summary>Every step's id starts with this (step1, step2, ...).</summary>
    public const string StepIdPrefix = "step";

    /// <summary><see cref="Workload.SequenceSteps"/> steps, one after another.</summary>
    public static WorkflowDefinition Sequence() => Flowchart(SequenceId, Steps(Workload.SequenceSteps), firstPort: null);

    /// <summary>An approval, then <see cref="Workload.StepsAfterResume"/> steps on its Approved port.</summary>
    public static WorkflowDefinition ApprovalThenSteps()
    {
        var approval = new ActivityNode
        {
            Id = ApprovalId,
            Type = "Approval",
            Inputs = new(StringComparer.Ordinal) { ["title"] = InputValue.Literal(JsonValue.Create("Go on?")) },
        };
        return Flowchart(ResumeId, [approval, .. Steps(Workload.StepsAfterResume)], firstPort: Approval.ApprovedOutcome);
    }

    private static ActivityNode[] Steps(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new ActivityNode { Id = $"{StepIdPrefix}{i}", Type = BenchStep.Type })];

    /// <summary>A flowchart running <paramref name="nodes"/> in order; the first leaves on <paramref name="firstPort"/> when given.</summary>
    private static WorkflowDefinition Flowchart(string id, ActivityNode[] nodes, string? firstPort) => new()
    {
        DefinitionId = id,
        Name = id,
        Root = new ActivityNode
        {
            Id = "root",
            Type = "Flowchart",
            Activities = [.. nodes],
            Connections = [.. nodes.Zip(nodes.Skip(1), (a, b) => Connection.Between(a.Id, a == nodes[0] && firstPort is not null ? firstPort : "Done", b.Id))],
        },
    };
}
