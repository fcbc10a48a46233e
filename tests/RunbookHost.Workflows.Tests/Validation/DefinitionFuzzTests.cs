using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Tests.Validation;

/// <summary>Mutated definitions must give a format error or validation errors, never an unhandled exception.</summary>
[TestClass]
public sealed class DefinitionFuzzTests
{
    private static readonly JsonNode?[] Values =
    [
        null, 0, -1, 1e308, 3.5, true, false, "", " ", "Flowchart", "Approval", "In", "Done", "<script>", "'; DROP TABLE runs; --",
        "../../etc/passwd", new string('x', 5000), new JsonArray(), new JsonObject(), new JsonArray(1, "a", null),
        new JsonObject { ["type"] = "JavaScript", ["value"] = "while(true){}" }, new JsonObject { ["type"] = "Nope", ["value"] = 1 },
        new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "x" } },
    ];

    [TestMethod]
    public void ParseAndValidate_TenThousandMutations_NeverThrowUnexpectedly()
    {
        var validator = new ServiceCollection().AddRunbookWorkflows().BuildServiceProvider().GetRequiredService<DefinitionValidator>();
        string seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "roundtrip.json"));
        var random = new Random(20261125);
        int formatErrors = 0, invalid = 0, valid = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var document = JsonNode.Parse(seed)!;
            for (int m = random.Next(1, 4); m > 0; m--)
            {
                Mutate(document, random);
            }

            string text = document.ToJsonString();
            try
            {
                var definition = WorkflowJson.Parse(text);
                if (validator.Validate(definition).Valid)
                {
                    valid++;
                }
                else
                {
                    invalid++;
                }
            }
            catch (DefinitionFormatException)
            {
                formatErrors++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"Mutation {i} threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}\n{(text.Length > 2000 ? text[..2000] : text)}");
            }
        }

        Assert.AreEqual(10_000, formatErrors + invalid + valid);
        Assert.IsTrue(formatErrors > 100 && invalid > 100, $"the mutations reach both the parser and the validator ({formatErrors} format errors, {invalid} invalid, {valid} valid)");
    }

    private static void Mutate(JsonNode document, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(document, nodes);
        var target = nodes[random.Next(nodes.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) == 0:
                obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                break;
            case JsonObject obj when obj.Count > 0:
                obj[obj.ElementAt(random.Next(obj.Count)).Key] = Values[random.Next(Values.Length)]?.DeepClone();
                break;
            case JsonArray array when array.Count > 0 && random.Next(2) == 0:
                array.RemoveAt(random.Next(array.Count));
                break;
            case JsonArray array when array.Count > 0:
                array.Add(array[random.Next(array.Count)]?.DeepClone());
                break;
            default:
                if (target.Parent is JsonObject parent)
                {
                    parent[target.GetPropertyName()] = Values[random.Next(Values.Length)]?.DeepClone();
                }

                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    Collect(child, nodes);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    Collect(child, nodes);
                }
            }
        }
    }
}
