using System.Text.Json.Nodes;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Tests.Serialization;

[TestClass]
public sealed class WorkflowJsonRoundTripTests
{
    private static readonly string Original = Scenario.Read("roundtrip.json");

    [TestMethod]
    public void Serialize_ParsedTwice_GivesIdenticalJson()
    {
        string first = WorkflowJson.Serialize(WorkflowJson.Parse(Original));

        string second = WorkflowJson.Serialize(WorkflowJson.Parse(first));

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void Serialize_RealisticDefinition_EqualsOriginalJson()
    {
        var reserialized = JsonNode.Parse(WorkflowJson.Serialize(WorkflowJson.Parse(Original)));

        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(Original), reserialized), reserialized!.ToJsonString());
    }

    [TestMethod]
    [DataRow("$.tenantId")]
    [DataRow("$.toolVersion")]
    [DataRow("$.options.incidentStrategyType")]
    [DataRow("$.customProperties.tags")]
    [DataRow("$.inputs[0].uiHint")]
    [DataRow("$.inputs[0].uiSpecifications")]
    [DataRow("$.inputs[1].category")]
    [DataRow("$.inputs[1].defaultValue")]
    [DataRow("$.variables[0].id")]
    [DataRow("$.variables[0].storageDriverTypeName")]
    [DataRow("$.variables[0].value")]
    [DataRow("$.root.customProperties")]
    [DataRow("$.root.metadata.designer")]
    [DataRow("$.root.activities[0].name")]
    [DataRow("$.root.activities[0].customProperties")]
    [DataRow("$.root.activities[0].metadata.designer.position")]
    [DataRow("$.root.activities[0].metadata.displayText")]
    [DataRow("$.root.activities[1].body.metadata.designer.position")]
    [DataRow("$.root.activities[1].body.message.expression.value")]
    [DataRow("$.root.activities[3].allowedRoles.typeName")]
    [DataRow("$.root.activities[3].allowedRoles.expression.value")]
    [DataRow("$.root.activities[6].version")]
    [DataRow("$.root.activities[6].resilience")]
    [DataRow("$.root.activities[6].customProperties")]
    [DataRow("$.root.activities[6].comment")]
    [DataRow("$.root.activities[9].cases.expression.value")]
    [DataRow("$.root.connections[1].vertices")]
    [DataRow("$.root.connections[3].label")]
    public void Serialize_ParsedDefinition_KeepsProperty(string path)
    {
        var original = JsonNode.Parse(Original)!;
        var reserialized = JsonNode.Parse(WorkflowJson.Serialize(WorkflowJson.Parse(Original)))!;

        var expected = Find(original, path);
        var actual = Find(reserialized, path);

        Assert.IsTrue(expected.Found, $"The scenario has no {path}.");
        Assert.IsTrue(actual.Found, $"{path} was lost in: {reserialized.ToJsonString()}");
        Assert.IsTrue(JsonNode.DeepEquals(expected.Node, actual.Node), $"{path}: expected {expected.Node?.ToJsonString() ?? "null"}, got {actual.Node?.ToJsonString() ?? "null"}");
    }

    [TestMethod]
    public void Parse_RealisticDefinition_ReadsEngineFields()
    {
        var definition = WorkflowJson.Parse(Original);

        Assert.AreEqual("site-activation", definition.DefinitionId);
        Assert.AreEqual(3, definition.Version);
        Assert.HasCount(11, definition.Root.Activities!);
        Assert.HasCount(15, definition.Root.Connections!);
        var flip = definition.Root.Activities!.Single(a => a.Id == "flip");
        Assert.AreEqual(2, flip.Version);
        Assert.AreEqual(3, flip.Resilience!.MaxAttempts);
        Assert.AreEqual(TimeSpan.FromSeconds(30), flip.Resilience.Delay);
        Assert.AreEqual("targetSite", flip.GetInput("site")!.Expression.Text);
        Assert.AreEqual("check-server", definition.Root.Activities!.Single(a => a.Id == "each-server").Body!.Id);
    }

    [TestMethod]
    public void Serialize_InputWithElsaMemoryReference_KeepsIt()
    {
        const string json = """
            {"definitionId":"a","version":1,"isPublished":false,"inputs":[],"variables":[],
             "root":{"id":"root","type":"Flowchart","version":1,"activities":[
               {"id":"say","type":"Log","version":1,"message":{"typeName":"String","expression":{"type":"Literal","value":"hi"},"memoryReference":{"id":"say:input-1"}}}],
             "connections":[]}}
            """;

        var reserialized = JsonNode.Parse(WorkflowJson.Serialize(WorkflowJson.Parse(json)))!;

        Assert.AreEqual("say:input-1", reserialized["root"]!["activities"]![0]!["message"]!["memoryReference"]?["id"]?.GetValue<string>());
    }

    /// <summary>Follows a path of the form <c>$.a.b[1].c</c>.</summary>
    private static (bool Found, JsonNode? Node) Find(JsonNode root, string path)
    {
        JsonNode? current = root;
        foreach (string part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = part;
            int? index = null;
            if (part.EndsWith(']'))
            {
                int open = part.IndexOf('[', StringComparison.Ordinal);
                name = part[..open];
                index = int.Parse(part[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            }

            if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out current))
            {
                return (false, null);
            }

            if (index is { } i)
            {
                if (current is not JsonArray array || i >= array.Count)
                {
                    return (false, null);
                }

                current = array[i];
            }
        }

        return (true, current);
    }
}
