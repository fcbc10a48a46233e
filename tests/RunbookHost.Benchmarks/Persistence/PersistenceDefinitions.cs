using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>The persistence suite's workflows: a sequence of Log steps, and one approval.</summary>
internal static class PersistenceDefinitions
{
    public const string SequenceId = "bench-persisted-sequence";
    public const string ApprovalId = "bench-persisted-approval";
    public const int SequenceSteps = 20;

    /// <summary><see cref="SequenceSteps"/> built-in Log activities, one after another.</summary>
    public static WorkflowDefinition Sequence()
    {
        var steps = Enumerable.Range(1, SequenceSteps)
            .Select(i => Node($"log{i}", "Log", "message", $"Step {i} of {SequenceSteps}."))
            .ToArray();
        return Flowchart(SequenceId, steps);
    }

    /// <summary>One Approval activity: a run suspends on it and stays pending.</summary>
    public static WorkflowDefinition Approval() =>
        Flowchart(ApprovalId, [Node("approve", "Approval", "title", "Proceed with the change?")]);

    private static ActivityNode Node(string id, string type, string input, string text) => new()
    {
        Id = id,
        Type = type,
        Inputs = new(StringComparer.Ordinal) { [input] = InputValue.Literal(JsonValue.Create(text)) },
    };

    private static WorkflowDefinition Flowchart(string id, ActivityNode[] nodes) => new()
    {
        DefinitionId = id,
        Name = id,
        Root = new ActivityNode
        {
            Id = "root",
            Type = "Flowchart",
            Activities = [.. nodes],
            Connections = [.. nodes.Zip(nodes.Skip(1), (a, b) => Connection.Between(a.Id, "Done", b.Id))],
        },
    };
}
