using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Validation;

/// <summary>Definition shapes the validation tests need beyond <see cref="Def"/>.</summary>
internal static class Build
{
    public static ActivityNode Flowchart(string id, IEnumerable<ActivityNode> activities, IEnumerable<Connection> connections, string? start = null) => new()
    {
        Id = id,
        Type = "Flowchart",
        Activities = [.. activities],
        Connections = [.. connections],
        Start = start,
    };

    public static WorkflowDefinition Definition(ActivityNode root, IEnumerable<WorkflowInput>? inputs = null, IEnumerable<WorkflowVariable>? variables = null) => new()
    {
        DefinitionId = "wf",
        Root = root,
        Inputs = [.. inputs ?? []],
        Variables = [.. variables ?? []],
    };

    /// <summary>A definition whose only activity is <paramref name="node"/>.</summary>
    public static WorkflowDefinition Single(ActivityNode node, IEnumerable<WorkflowInput>? inputs = null, IEnumerable<WorkflowVariable>? variables = null) =>
        Definition(Flowchart("root", [node], []), inputs, variables);

    public static ActivityNode ForEach(string id, ActivityNode body, JsonArray items) => new()
    {
        Id = id,
        Type = "ForEach",
        Inputs = new(StringComparer.Ordinal) { ["items"] = Def.Lit(items) },
        Body = body,
    };

    public static InputValue Of(Expression expression) => new(null, expression);

    /// <summary>Flowcharts nested <paramref name="levels"/> deep under the root, the innermost holding a Log "leaf".</summary>
    public static WorkflowDefinition Nested(int levels)
    {
        ActivityNode inner = Def.Log("leaf");
        for (int i = levels; i >= 1; i--)
        {
            inner = Flowchart($"f{i}", [inner], []);
        }

        return Definition(Flowchart("root", [inner], []));
    }
}
