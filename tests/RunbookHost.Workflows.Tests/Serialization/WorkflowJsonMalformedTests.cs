using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Tests.Serialization;

[TestClass]
public sealed class WorkflowJsonMalformedTests
{
    [TestMethod]
    public void Parse_TruncatedJson_ThrowsFormatException()
    {
        string json = Scenario.Read("roundtrip.json");

        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse(json[..(json.Length / 2)]));

        Assert.Contains("not valid JSON", ex.Message);
    }

    [TestMethod]
    public void Parse_ActivityWithoutId_NamesMissingIdAndType()
    {
        const string json = """{"definitionId":"a","root":{"id":"root","type":"Flowchart","activities":[{"type":"Approval"}]}}""";

        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse(json));

        Assert.Contains("An activity of type 'Approval' has no 'id'", ex.Message);
    }

    [TestMethod]
    public void Parse_ActivityWithoutType_NamesActivity()
    {
        const string json = """{"definitionId":"a","root":{"id":"root","type":"Flowchart","activities":[{"id":"gate"}]}}""";

        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse(json));

        Assert.Contains("Activity 'gate' has no 'type'", ex.Message);
    }

    [TestMethod]
    public void Parse_ActivityIdNotText_NamesProperty()
    {
        const string json = """{"definitionId":"a","root":{"id":"root","type":"Flowchart","activities":[{"id":7,"type":"Log"}]}}""";

        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse(json));

        Assert.Contains("'id' must be a string", ex.Message);
    }

    [TestMethod]
    public void Parse_MissingRoot_NamesRoot()
    {
        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse("""{"definitionId":"a"}"""));

        Assert.Contains("'root'", ex.Message);
    }

    [TestMethod]
    public void Parse_JsonNull_ThrowsFormatException()
    {
        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse("null"));

        Assert.Contains("empty", ex.Message);
    }

    [TestMethod]
    public void Parse_VersionAsObject_NamesVersion()
    {
        const string json = """{"definitionId":"a","version":{"major":3},"root":{"id":"root","type":"Flowchart"}}""";

        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse(json));

        Assert.Contains("$.version", ex.Message);
    }

    [TestMethod]
    public void Parse_VersionAsString_NamesVersion()
    {
        const string json = """{"definitionId":"a","version":"3","root":{"id":"root","type":"Flowchart"}}""";

        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse(json));

        Assert.Contains("version", ex.Message);
    }

    [TestMethod]
    public void Parse_ActivityVersionAsString_NamesActivityAndVersion()
    {
        const string json = """{"definitionId":"a","root":{"id":"root","type":"Flowchart","activities":[{"id":"flip","type":"Log","version":"2"}]}}""";

        var ex = Assert.ThrowsExactly<DefinitionFormatException>(() => WorkflowJson.Parse(json));

        Assert.Contains("'flip'", ex.Message);
        Assert.Contains("version", ex.Message);
    }
}
