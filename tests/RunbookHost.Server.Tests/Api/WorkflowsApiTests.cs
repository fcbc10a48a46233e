using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class WorkflowsApiTests
{
    [TestMethod]
    public async Task Put_InvalidDefinition_400NamesEachProblemAndSavesNothing()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        var before = await admin.GetFromJsonAsync<JsonArray>("/api/workflows/quick/versions");
        var bad = JsonNode.Parse(TestWorkflows.Quick)!;
        bad["root"]!["activities"]![1]!["type"] = "NoSuchActivity";
        bad["root"]!["connections"]!.AsArray().Add(JsonNode.Parse("""{"source":{"activity":"one","port":"Maybe"},"target":{"activity":"two","port":"In"}}"""));

        var response = await admin.PutAsync("/api/workflows/quick", new StringContent(bad.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var paths = problem["errors"]!.AsArray().Select(e => e!["path"]!.ToString()).ToList();
        CollectionAssert.Contains(paths, "root/two");
        CollectionAssert.Contains(paths, "root.connections[1]");
        StringAssert.Contains(problem["errors"]!.ToJsonString(), "NoSuchActivity");
        var after = await admin.GetFromJsonAsync<JsonArray>("/api/workflows/quick/versions");
        Assert.AreEqual(before!.Count, after!.Count, "a rejected request changes no state");
    }

    [TestMethod]
    public async Task Put_MalformedJson_400AndNothingSaved()
    {
        await using var host = await TestHost.StartAsync();
        var response = await host.Client("ada").PutAsync("/api/workflows/quick", new StringContent("{\"root\": [", Encoding.UTF8, "application/json"));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "not valid JSON");
    }

    [TestMethod]
    public async Task PutThenPublish_NewVersion_BecomesWhatNewRunsUse()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        var definition = JsonNode.Parse(TestWorkflows.Quick)!;
        definition["description"] = "second version";

        var saved = await (await admin.PutAsync("/api/workflows/quick", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"))).Content.ReadFromJsonAsync<JsonNode>();
        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/workflows");
        var published = await (await admin.PostAsync("/api/workflows/quick/publish", null)).Content.ReadFromJsonAsync<JsonNode>();
        var latest = await admin.GetFromJsonAsync<JsonNode>("/api/workflows/quick");
        var v1 = await admin.GetFromJsonAsync<JsonNode>("/api/workflows/quick/versions/1");

        Assert.AreEqual(2, saved!["version"]!.GetValue<int>());
        Assert.IsFalse(saved["isPublished"]!.GetValue<bool>());
        var quick = listed!.Single(w => w!["definitionId"]!.ToString() == "quick")!;
        Assert.AreEqual(2, quick["latestVersion"]!.GetValue<int>());
        Assert.AreEqual(1, quick["publishedVersion"]!.GetValue<int>());
        Assert.AreEqual(2, published!["version"]!.GetValue<int>());
        Assert.AreEqual("second version", latest!["description"]!.ToString());
        Assert.IsTrue(latest["isPublished"]!.GetValue<bool>());
        Assert.IsNull(v1!["description"]);
        string runId = await host.StartRunAsync("quick");
        Assert.AreEqual(2, (await host.WaitForStatusAsync(runId, "Completed"))["version"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task Validate_BadDefinition_ReturnsErrorsWithoutSaving()
    {
        await using var host = await TestHost.StartAsync();
        var bad = JsonNode.Parse(TestWorkflows.Quick)!;
        bad["root"]!["activities"]![0]!["message"]!["expression"]!["type"] = "JavaScript";
        bad["root"]!["activities"]![0]!["message"]!["expression"]!["value"] = "'unclosed";

        var result = await (await host.Client("viewer").PostAsync("/api/workflows/validate", new StringContent(bad.ToJsonString(), Encoding.UTF8, "application/json"))).Content.ReadFromJsonAsync<JsonNode>();

        Assert.IsFalse(result!["valid"]!.GetValue<bool>());
        Assert.AreEqual("root/one.message", result["errors"]![0]!["path"]!.ToString());
        StringAssert.Contains(result["errors"]![0]!["message"]!.ToString(), "does not parse");
    }

    [TestMethod]
    public async Task Get_UnknownWorkflowOrVersion_404()
    {
        await using var host = await TestHost.StartAsync();
        var viewer = host.Client("viewer");
        Assert.AreEqual(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/workflows/nope")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/workflows/quick/versions/99")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Client("ada").PostAsync("/api/workflows/nope/publish", null)).StatusCode);
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("0")]
    [DataRow("1.0")]
    public async Task GetVersion_NotAPositiveWholeNumber_400NamingVersion(string version)
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client("viewer").GetAsync($"/api/workflows/quick/versions/{version}");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "version");
    }

    [TestMethod]
    public async Task Activities_Catalogue_DescribesInputsOutcomesAndSideEffects()
    {
        await using var host = await TestHost.StartAsync();
        var catalogue = (await host.Client("viewer").GetFromJsonAsync<JsonArray>("/api/activities"))!;
        var flip = catalogue.Single(a => a!["type"]!.ToString() == "FlipReplication")!;
        var approval = catalogue.Single(a => a!["type"]!.ToString() == "Approval")!;

        Assert.AreEqual("Storage", flip["category"]!.ToString());
        Assert.AreEqual("NonIdempotent", flip["sideEffect"]!.ToString());
        Assert.IsTrue(flip["inputs"]!.AsArray().Any(i => i!["name"]!.ToString() == "site"));
        CollectionAssert.AreEqual(new[] { "Approved", "Rejected", "Expired" }, approval["outcomes"]!.AsArray().Select(o => o!.ToString()).ToArray());
    }
}
