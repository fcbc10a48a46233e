using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;

namespace RunbookHost.TestHost;

/// <summary>
/// The built-in workflow the durability tests run: an idempotent step, a fork whose two branches
/// each run a side effect, a join, a durable timer, a parallel ForEach over three "disks" (a step
/// and a side effect each) and a final side effect. Six side effects per run.
/// </summary>
internal static class DurabilityWorkflow
{
    public const string DefinitionId = "durability";

    public static WorkflowDefinition Definition { get; } = new()
    {
        DefinitionId = DefinitionId,
        Name = "Durability test",
        Description = "Side effects on both branches of a fork, a durable timer and a parallel ForEach.",
        Root = new ActivityNode
        {
            Id = "root",
            Type = "Flowchart",
            Activities =
            [
                Node("prepare", "Test.Step"),
                Node("fork", "Fork", ("branches", new JsonArray("A", "B"))),
                Node("flipA", "Test.SideEffect"),
                Node("checkB", "Test.Step"),
                Node("flipB", "Test.SideEffect"),
                Node("join", "Join"),
                Node("pause", "Delay", ("duration", "00:00:00.200")),
                new ActivityNode
                {
                    Id = "disks",
                    Type = "ForEach",
                    Inputs = Inputs(("items", new JsonArray(1, 2, 3)), ("mode", "Parallel")),
                    Body = new ActivityNode
                    {
                        Id = "disk",
                        Type = "Flowchart",
                        Activities = [Node("mount", "Test.Step"), Node("copy", "Test.SideEffect")],
                        Connections = [Link("mount", "copy")],
                    },
                },
                Node("note", "Log", ("message", "every disk copied")),
                Node("finish", "Test.SideEffect"),
            ],
            Connections =
            [
                Link("prepare", "fork"),
                Link("fork", "flipA", "A"),
                Link("fork", "checkB", "B"),
                Link("checkB", "flipB"),
                Link("flipA", "join"),
                Link("flipB", "join"),
                Link("join", "pause"),
                Link("pause", "disks"),
                Link("disks", "note"),
                Link("note", "finish"),
            ],
        },
    };

    private static ActivityNode Node(string id, string type, params (string Name, JsonNode Value)[] inputs) =>
        new() { Id = id, Type = type, Inputs = Inputs(inputs) };

    private static Dictionary<string, InputValue> Inputs(params (string Name, JsonNode Value)[] inputs) =>
        inputs.ToDictionary(i => i.Name, i => InputValue.Literal(i.Value), StringComparer.Ordinal);

    private static Connection Link(string from, string to, string port = "Done") => Connection.Between(from, port, to);
}
