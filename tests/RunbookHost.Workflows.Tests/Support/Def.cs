using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Tests.Support;

/// <summary>Builders for test definitions.</summary>
internal static class Def
{
    public static ActivityNode Node(string id, string type, params (string Name, InputValue Value)[] inputs) => new()
    {
        Id = id,
        Type = type,
        Inputs = inputs.ToDictionary(i => i.Name, i => i.Value, StringComparer.Ordinal),
    };

    public static ActivityNode Log(string id, string message = "hello") => Node(id, "Log", ("message", Lit(message)));

    public static InputValue Lit(JsonNode? value) => InputValue.Literal(value);

    public static InputValue Js(string source) => InputValue.JavaScript(source);

    public static Connection Link(string from, string to, string port = "Done") => Connection.Between(from, port, to);

    /// <summary>A flowchart of <paramref name="activities"/> joined by <paramref name="connections"/>.</summary>
    public static WorkflowDefinition Flow(string id, IEnumerable<ActivityNode> activities, IEnumerable<Connection> connections, params WorkflowInput[] inputs) => new()
    {
        DefinitionId = id,
        Name = id,
        Inputs = [.. inputs],
        Root = new ActivityNode
        {
            Id = "root",
            Type = "Flowchart",
            Activities = [.. activities],
            Connections = [.. connections],
        },
    };

    /// <summary>A flowchart that runs <paramref name="steps"/> one after another on their Done ports.</summary>
    public static WorkflowDefinition Sequence(string id, params ActivityNode[] steps) =>
        Flow(id, steps, steps.Zip(steps.Skip(1), (a, b) => Link(a.Id, b.Id)));
}
