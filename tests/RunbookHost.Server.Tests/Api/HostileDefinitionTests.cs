using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Server.Tests.Support;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Tests.Api;

/// <summary>Hostile workflow definitions: each refused with a 4xx naming what is wrong, nothing saved, published, planned or started.</summary>
[TestClass]
public sealed class HostileDefinitionTests
{
    [TestMethod]
    [DataRow("while(true){}", "statements")]
    [DataRow("var a=[]; for(;;) a.push(new Array(1e6))", "array longer than")]
    [DataRow("let s=[]; for(;;) s.push('x'.repeat(1e5))", "MB")]
    [DataRow("System.IO.File.ReadAllText('/etc/passwd')", "'System'")]
    [DataRow("importNamespace('System.IO').File.ReadAllText('/etc/passwd')", "'importNamespace'")]
    public async Task PutAndValidate_JavaScriptTheSandboxWouldStop_400NamingActivityAndInput_NothingSaved(string source, string named)
    {
        await using var host = await TestHost.StartAsync();
        var before = await HostState.ReadAsync(host);
        string body = QuickWith(Js(source)).ToJsonString();

        var put = await host.Client("ada").PutAsync("/api/workflows/quick", Json(body));
        var validate = await host.Client("viewer").PostAsync("/api/workflows/validate", Json(body));

        var problem = await Problem.AssertAsync(put, HttpStatusCode.BadRequest, named);
        var error = problem["errors"]!.AsArray().Single()!;
        Assert.AreEqual("root/one.message", error["path"]!.ToString());
        StringAssert.Contains(error["message"]!.ToString(), "Activity 'one' (Log): JavaScript of input 'message'");
        var result = (await validate.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.IsFalse(result["valid"]!.GetValue<bool>());
        Assert.AreEqual("root/one.message", result["errors"]![0]!["path"]!.ToString());
        Assert.AreEqual(before, await HostState.ReadAsync(host), "a rejected request changes no state");
    }

    [TestMethod]
    public async Task PublishPlanAndStart_StoredVersionWithEndlessJavaScript_400AndNothingPublishedPlannedOrStarted()
    {
        await using var host = await TestHost.StartAsync();
        // A version stored before its JavaScript was checked (an older host, a restored database).
        var stored = WorkflowJson.Parse(QuickWith(Js("while(true){}")).ToJsonString());
        var saved = await host.Services.GetRequiredService<IDefinitionStore>().SaveDraftAsync(stored, DateTimeOffset.UtcNow, CancellationToken.None);
        var before = await HostState.ReadAsync(host);

        var publish = await host.Client("ada").PostAsync("/api/workflows/quick/publish", null);
        var plan = await host.Client("olivia").PostAsJsonAsync("/api/workflows/quick/plan", new { version = saved.Version });
        var start = await host.Client("olivia").PostAsJsonAsync("/api/runs", new { definitionId = "quick", version = saved.Version });

        await Problem.AssertAsync(publish, HttpStatusCode.BadRequest, "root/one.message");
        await Problem.AssertAsync(plan, HttpStatusCode.BadRequest, "root/one.message");
        await Problem.AssertAsync(start, HttpStatusCode.BadRequest, "root/one.message");
        Assert.AreEqual(before, await HostState.ReadAsync(host), "a rejected request changes no state");
    }

    [TestMethod]
    public async Task Put_UnknownActivityType_400NamingActivityAndType()
    {
        await using var host = await TestHost.StartAsync();
        var before = await HostState.ReadAsync(host);
        var definition = JsonNode.Parse(TestWorkflows.Quick)!;
        definition["root"]!["activities"]![1]!["type"] = "Exchange.FormatAllDisks";

        var put = await host.Client("ada").PutAsync("/api/workflows/quick", Json(definition.ToJsonString()));

        await Problem.AssertAsync(put, HttpStatusCode.BadRequest, "Activity 'two' has unknown type 'Exchange.FormatAllDisks'");
        Assert.AreEqual(before, await HostState.ReadAsync(host));
    }

    [TestMethod]
    public async Task Put_Cycle_400NamingTheLoop()
    {
        await using var host = await TestHost.StartAsync();
        var before = await HostState.ReadAsync(host);
        var definition = JsonNode.Parse(TestWorkflows.Quick)!;
        definition["root"]!["connections"]!.AsArray().Add(JsonNode.Parse("""{"source":{"activity":"two","port":"Done"},"target":{"activity":"one","port":"In"}}"""));
        definition["root"]!["start"] = "one";

        var put = await host.Client("ada").PutAsync("/api/workflows/quick", Json(definition.ToJsonString()));

        await Problem.AssertAsync(put, HttpStatusCode.BadRequest, "cycle: one -> two -> one");
        Assert.AreEqual(before, await HostState.ReadAsync(host));
    }

    [TestMethod]
    public async Task Put_ForEachOverAMillionLiteralItems_413BeforeAnyWork()
    {
        await using var host = await TestHost.StartAsync();
        var before = await HostState.ReadAsync(host);

        var put = await host.Client("ada").PutAsync("/api/workflows/loop", Json(LoopOver(new JsonArray([.. Enumerable.Range(0, 1_000_000).Select(_ => (JsonNode?)0)])).ToJsonString()));

        await Problem.AssertAsync(put, HttpStatusCode.RequestEntityTooLarge, "at most 1048576");
        Assert.AreEqual(before, await HostState.ReadAsync(host));
    }

    [TestMethod]
    public async Task Put_ForEachOverMoreItemsThanTheLimit_400NamingTheLimit()
    {
        await using var host = await TestHost.StartAsync();
        var before = await HostState.ReadAsync(host);

        var put = await host.Client("ada").PutAsync("/api/workflows/loop", Json(LoopOver(new JsonArray([.. Enumerable.Range(0, 1001).Select(i => (JsonNode?)i)])).ToJsonString()));

        var problem = await Problem.AssertAsync(put, HttpStatusCode.BadRequest, "at most 1000 are allowed");
        Assert.AreEqual("root/loop.items", problem["errors"]![0]!["path"]!.ToString());
        Assert.AreEqual(before, await HostState.ReadAsync(host));
    }

    [TestMethod]
    public async Task Start_InputListOverTheLimit_400NamingTheInput_NoRun()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        var loop = LoopOver(null);
        loop["inputs"] = JsonNode.Parse("""[{ "name": "disks", "typeName": "Object[]", "defaultValue": [] }]""");
        loop["root"]!["activities"]![0]!["items"] = Input("disks");
        Assert.AreEqual(HttpStatusCode.OK, (await admin.PutAsync("/api/workflows/loop", Json(loop.ToJsonString()))).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await admin.PostAsync("/api/workflows/loop/publish", null)).StatusCode);
        var before = await HostState.ReadAsync(host);
        var disks = new JsonArray([.. Enumerable.Range(0, 1001).Select(i => (JsonNode?)$"disk{i}")]);

        var start = await host.Client("olivia").PostAsJsonAsync("/api/runs", new JsonObject { ["definitionId"] = "loop", ["input"] = new JsonObject { ["disks"] = disks } });
        var plan = await host.Client("olivia").PostAsJsonAsync("/api/workflows/loop/plan", new JsonObject { ["input"] = new JsonObject { ["disks"] = disks.DeepClone() } });

        var problem = await Problem.AssertAsync(start, HttpStatusCode.BadRequest, "at most 1000");
        Assert.AreEqual("input.disks", problem["errors"]![0]!["path"]!.ToString());
        await Problem.AssertAsync(plan, HttpStatusCode.BadRequest, "input.disks");
        Assert.AreEqual(before, await HostState.ReadAsync(host));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static JsonObject Js(string source) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = source } };

    private static JsonObject Input(string name) => new() { ["typeName"] = "Object[]", ["expression"] = new JsonObject { ["type"] = "Input", ["value"] = name } };

    private static JsonNode QuickWith(JsonObject message)
    {
        var definition = JsonNode.Parse(TestWorkflows.Quick)!;
        definition["root"]!["activities"]![0]!["message"] = message;
        return definition;
    }

    /// <summary>A workflow whose ForEach logs each item of a literal list (or of an input, set by the caller).</summary>
    private static JsonNode LoopOver(JsonArray? items) => JsonNode.Parse($$"""
        {
          "definitionId": "loop", "name": "Loop",
          "root": { "id": "flow", "type": "Flowchart", "activities": [
            { "id": "loop", "type": "ForEach",
              "items": { "typeName": "Object[]", "expression": { "type": "Literal", "value": {{(items ?? []).ToJsonString()}} } },
              "body": { "id": "each", "type": "Log", "message": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'item ' + variables.currentValue" } } } }
          ], "connections": [] }
        }
        """)!;
}
