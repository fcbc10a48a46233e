using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

/// <summary>SIGKILL of the host process, then a restart over the same SQLite file: runs carry on.</summary>
[TestClass]
public sealed class KillTests
{
    private const string Slow = """
        {
          "definitionId": "slow", "name": "Slow step",
          "root": { "id": "flow", "type": "Flowchart", "activities": [
            { "id": "wait", "type": "Delay", "duration": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:03" } } },
            { "id": "after", "type": "Log", "message": { "typeName": "String", "expression": { "type": "Literal", "value": "after the wait" } } }
          ], "connections": [ { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "after", "port": "In" } } ] }
        }
        """;

    [TestMethod]
    public async Task Kill9_WhileWaitingAtApproval_RestartedHostCompletesTheRun()
    {
        string folder = Folder();
        int port = HostProcess.FreePort();
        string runId;
        string approvalId;
        await using (var first = await HostProcess.StartAsync(folder, port))
        {
            runId = await StartAsync(first.Url, "gate");
            approvalId = (await WaitForGateAsync(first.Url, runId))["approvalId"]!.ToString();
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(folder, port);
        var approve = await Client(second.Url, "amir").PostAsJsonAsync($"/api/approvals/{approvalId}", new { decision = "approve", comment = "after the crash" });
        Assert.AreEqual(HttpStatusCode.OK, approve.StatusCode, second.Output);
        string stepId = (await WaitForGateAsync(second.Url, runId))["approvalId"]!.ToString();
        await Client(second.Url, "olivia").PostAsJsonAsync($"/api/approvals/{stepId}", new { decision = "approve" });
        var run = await WaitForStatusAsync(second.Url, runId, "Completed");
        var verify = await Client(second.Url, "viewer").GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/journal/verify");

        Assert.AreEqual("Completed", run["status"]!.ToString());
        Assert.IsTrue(verify!["valid"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task Kill9_WhileAStepIsInProgress_RestartedHostCompletesTheRun()
    {
        string folder = Folder();
        int port = HostProcess.FreePort();
        string runId;
        await using (var first = await HostProcess.StartAsync(folder, port))
        {
            runId = await StartAsync(first.Url, "slow");
            await WaitForStatusAsync(first.Url, runId, "Suspended");
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(folder, port);
        var run = await WaitForStatusAsync(second.Url, runId, "Completed");
        var journal = (await Client(second.Url, "viewer").GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/journal"))!;

        Assert.AreEqual(1, journal.Count(r => r!["kind"]!.ToString() == "ActivityCompleted" && r["activityId"]!.ToString() == "after"));
        Assert.AreEqual("Completed", run["status"]!.ToString());
    }

    private static string Folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "runbookhost-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "workflows"));
        File.WriteAllText(Path.Combine(folder, "workflows", "gate.json"), TestWorkflows.Gate);
        File.WriteAllText(Path.Combine(folder, "workflows", "slow.json"), Slow);
        return folder;
    }

    private static HttpClient Client(string url, string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestHost.Keys[user]);
        return client;
    }

    private static async Task<string> StartAsync(string url, string definitionId)
    {
        var response = await Client(url, "olivia").PostAsJsonAsync("/api/runs", new { definitionId });
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.ToString();
    }

    private static async Task<JsonNode> WaitForGateAsync(string url, string runId)
    {
        for (int i = 0; i < 400; i++)
        {
            var gates = (await Client(url, "viewer").GetFromJsonAsync<JsonArray>($"/api/approvals?runId={runId}"))!;
            if (gates.Count > 0)
            {
                return gates[0]!;
            }

            await Task.Delay(25);
        }

        Assert.Fail("No gate appeared.");
        return null!;
    }

    private static async Task<JsonNode> WaitForStatusAsync(string url, string runId, string status)
    {
        JsonNode? run = null;
        for (int i = 0; i < 600; i++)
        {
            run = await Client(url, "viewer").GetFromJsonAsync<JsonNode>($"/api/runs/{runId}");
            if (run!["status"]!.ToString() == status)
            {
                return run;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Run {runId} is {run?["status"]}, not {status}.");
        return run!;
    }
}
