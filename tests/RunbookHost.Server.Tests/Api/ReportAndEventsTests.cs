using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class ReportAndEventsTests
{
    private const string Hostile = "<script>alert('x')</script> & \"quotes\"";

    private static async Task<(TestHost Host, string RunId)> CompletedGateRunAsync()
    {
        var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate", input: new JsonObject { ["site"] = "<img src=x onerror=alert(1)>" });
        var gate = await host.PendingGateAsync(runId);
        Assert.AreEqual(HttpStatusCode.OK, (await host.Client("amir").PostAsJsonAsync($"/api/approvals/{gate["approvalId"]}", new { decision = "approve", comment = Hostile })).StatusCode);
        var step = await host.PendingGateAsync(runId);
        Assert.AreEqual(HttpStatusCode.OK, (await host.Client("olivia").PostAsJsonAsync($"/api/approvals/{step["approvalId"]}", new { decision = "approve", comment = "=cmd|' /C calc'!A0" })).StatusCode);
        await host.WaitForStatusAsync(runId, "Completed");
        return (host, runId);
    }

    [TestMethod]
    public async Task Report_Html_IsCompleteAndEscapesEverything()
    {
        var (host, runId) = await CompletedGateRunAsync();
        await using var _ = host;

        var response = await host.Client("viewer").GetAsync($"/api/runs/{runId}/report?format=html");
        string html = await response.Content.ReadAsStringAsync();

        Assert.AreEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.IsFalse(html.Contains("<script>alert", StringComparison.Ordinal), "script from a comment reached the page");
        Assert.IsFalse(html.Contains("<img src=x", StringComparison.Ordinal), "markup from the input reached the page");
        StringAssert.Contains(html, "&lt;script&gt;");
        StringAssert.Contains(html, "amir");
        StringAssert.Contains(html, "olivia");
        StringAssert.Contains(html, "approved");
        StringAssert.Contains(html, "Waiting for people");
        StringAssert.Contains(html, "valid: ");
        StringAssert.Contains(html, "RunCompleted");
    }

    [TestMethod]
    public async Task Report_JsonAndCsv_CarryApprovalsTimesVerificationAndDefuseFormulas()
    {
        var (host, runId) = await CompletedGateRunAsync();
        await using var _ = host;
        var viewer = host.Client("viewer");

        var json = (await viewer.GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/report?format=json"))!;
        string csv = await viewer.GetStringAsync($"/api/runs/{runId}/report?format=csv");

        var approval = json["approvals"]!.AsArray().Single(a => a!["kind"]!.ToString() == "approval")!;
        Assert.AreEqual("amir", approval["decidedBy"]!.ToString());
        Assert.AreEqual(Hostile, approval["comment"]!.ToString());
        Assert.AreEqual("approved", approval["decision"]!.ToString());
        Assert.IsTrue(json["verification"]!["valid"]!.GetValue<bool>());
        Assert.IsTrue(json["times"]!["waitingForPeopleSeconds"]!.GetValue<double>() >= 0);
        StringAssert.Contains(csv, "\"ApprovalGranted\"");
        StringAssert.Contains(csv, "\"'=cmd|");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await viewer.GetAsync($"/api/runs/{runId}/report?format=../../etc/passwd")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/runs/..%2F..%2Fetc/report")).StatusCode);
    }

    [TestMethod]
    public async Task Events_Stream_SendsPastRecordsThenLiveOnesUntilTheEnd()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate");
        var gate = await host.PendingGateAsync(runId);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        using var response = await host.Client("viewer").SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.AreEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var kinds = new List<string>();

        await ReadUntilAsync(reader, kinds, "ApprovalRequested");
        await host.Client("amir").PostAsJsonAsync($"/api/approvals/{gate["approvalId"]}", new { decision = "approve" });
        await ReadUntilAsync(reader, kinds, "ManualStepRequested");
        var step = await host.PendingGateAsync(runId);
        await host.Client("olivia").PostAsJsonAsync($"/api/approvals/{step["approvalId"]}", new { decision = "approve" });
        await ReadUntilAsync(reader, kinds, "RunCompleted");

        Assert.AreEqual("RunStarted", kinds[0]);
        CollectionAssert.IsSubsetOf(new[] { "ApprovalGranted", "RunResumed", "ManualStepConfirmed", "ActivityCompleted" }, kinds);
        CollectionAssert.AreEqual(Enumerable.Range(1, Seqs.Count).Select(i => (long)i).ToArray(), Seqs.ToArray(), "every record once, in order, from the first");
    }

    [TestMethod]
    public async Task Events_StreamOpenedAfterTheRunEnded_ReplaysItThenSaysEnd()
    {
        var (host, runId) = await CompletedGateRunAsync();
        await using var _ = host;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        using var response = await host.Client("viewer").SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<string>();

        while (events.LastOrDefault() != "end")
        {
            string? line = await reader.ReadLineAsync(timeout.Token);
            Assert.IsNotNull(line, "the stream ended before saying end");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                events.Add(line["event: ".Length..]);
            }
            else if (line.StartsWith("data: {\"", StringComparison.Ordinal) && JsonNode.Parse(line["data: ".Length..])!["kind"]!.ToString() == "RunCompleted")
            {
                events.Add("RunCompleted");
            }
        }

        CollectionAssert.AreEqual(new[] { "journal", "RunCompleted", "end" }, events.Skip(events.Count - 3).ToArray(), "the last record (RunCompleted), then end");
    }

    private static readonly List<long> Seqs = [];

    private static async Task ReadUntilAsync(StreamReader reader, List<string> kinds, string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!timeout.IsCancellationRequested)
        {
            string? line = await reader.ReadLineAsync(timeout.Token);
            Assert.IsNotNull(line, "the stream ended early");
            if (line.StartsWith("data: {", StringComparison.Ordinal))
            {
                var record = JsonNode.Parse(line["data: ".Length..])!;
                Seqs.Add(record["seq"]!.GetValue<long>());
                string k = record["kind"]!.ToString();
                kinds.Add(k);
                if (k == kind)
                {
                    return;
                }
            }
        }

        Assert.Fail($"No {kind} event arrived.");
    }
}
