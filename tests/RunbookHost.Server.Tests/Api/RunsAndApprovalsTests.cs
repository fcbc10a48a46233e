using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class RunsAndApprovalsTests
{
    [TestMethod]
    public async Task Approval_ByTheStarter_403FourEyes_ByAnotherApprover_Completes()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate", user: "ada");
        var gate = await host.PendingGateAsync(runId);
        Assert.AreEqual("approval", gate["kind"]!.ToString());
        Assert.AreEqual("Activate standby?", gate["title"]!.ToString());
        Assert.AreEqual("ada", gate["startedBy"]!.ToString());
        string approvalId = gate["approvalId"]!.ToString();

        var byOperator = await host.Client("olivia").PostAsJsonAsync($"/api/approvals/{approvalId}", new { decision = "approve", comment = "ok" });
        var approved = await host.Client("amir").PostAsJsonAsync($"/api/approvals/{approvalId}", new { decision = "approve", comment = "primary is down" });

        Assert.AreEqual(HttpStatusCode.Forbidden, byOperator.StatusCode, "an operator cannot approve");
        Assert.AreEqual(HttpStatusCode.OK, approved.StatusCode);
        var decided = (await approved.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.AreEqual("amir", decided["decidedBy"]!.ToString());
        Assert.AreEqual("approve", decided["decision"]!.ToString());

        var step = await host.PendingGateAsync(runId);
        Assert.AreEqual("manualStep", step["kind"]!.ToString());
        var rejectStep = await host.Client("olivia").PostAsJsonAsync($"/api/approvals/{step["approvalId"]}", new { decision = "reject" });
        var doneStep = await host.Client("olivia").PostAsJsonAsync($"/api/approvals/{step["approvalId"]}", new { decision = "approve", comment = "unplugged" });
        Assert.AreEqual(HttpStatusCode.BadRequest, rejectStep.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, doneStep.StatusCode);
        var run = await host.WaitForStatusAsync(runId, "Completed");
        Assert.AreEqual(0, run["pendingApprovals"]!.AsArray().Count);
    }

    [TestMethod]
    public async Task Approval_StarterIsApprover_403FourEyes()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate", user: "olivia");
        var gate = await host.PendingGateAsync(runId);

        // amir did not start the run, but starting it as amir is impossible (operator role): make olivia an approver-starter via ada.
        string adaRun = await host.StartRunAsync("gate", user: "ada");
        var adaGate = await host.PendingGateAsync(adaRun);
        var self = await host.Client("ada").PostAsJsonAsync($"/api/approvals/{adaGate["approvalId"]}", new { decision = "approve" });

        Assert.AreEqual(HttpStatusCode.Forbidden, self.StatusCode, "ada (admin, not approver) cannot approve at all");
        Assert.AreEqual(HttpStatusCode.OK, (await host.Client("amir").PostAsJsonAsync($"/api/approvals/{gate["approvalId"]}", new { decision = "approve" })).StatusCode);
    }

    [TestMethod]
    public async Task Approval_FiftySimultaneousDecisions_ExactlyOne200TheRest409()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate");
        string approvalId = (await host.PendingGateAsync(runId))["approvalId"]!.ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            host.Client(i % 2 == 0 ? "amir" : "bob").PostAsJsonAsync($"/api/approvals/{approvalId}", new { decision = i % 3 == 0 ? "reject" : "approve", comment = $"#{i}" })));

        Assert.AreEqual(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.AreEqual(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        // The decision is accepted into the run's inbox; the run applies it asynchronously, so wait for it to be journaled.
        var journal = await host.WaitForJournalAsync(runId, r => r["kind"]!.ToString() is "ApprovalGranted" or "ApprovalRejected");
        Assert.AreEqual(1, journal.Count(r => r!["kind"]!.ToString() is "ApprovalGranted" or "ApprovalRejected"));
    }

    [TestMethod]
    public async Task Start_BadRequests_400NamingFieldsOr404_AndNoRunCreated()
    {
        await using var host = await TestHost.StartAsync();
        var operatorClient = host.Client("olivia");

        var missing = await operatorClient.PostAsJsonAsync("/api/runs", new { input = new { } });
        var badInput = await operatorClient.PostAsJsonAsync("/api/runs", new { definitionId = "gate", input = new { site = 5, colour = "red" } });
        var unknown = await operatorClient.PostAsJsonAsync("/api/runs", new { definitionId = "nope" });
        var badVersion = await operatorClient.PostAsJsonAsync("/api/runs", new { definitionId = "gate", version = "two" });

        Assert.AreEqual(HttpStatusCode.BadRequest, missing.StatusCode);
        StringAssert.Contains(await missing.Content.ReadAsStringAsync(), "\"path\":\"definitionId\"");
        Assert.AreEqual(HttpStatusCode.BadRequest, badInput.StatusCode);
        string badInputText = await badInput.Content.ReadAsStringAsync();
        StringAssert.Contains(badInputText, "input.colour");
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, badVersion.StatusCode);
        var runs = await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/runs");
        Assert.AreEqual(0, runs!["total"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task List_FilterAndPage_AndBadFilter400()
    {
        await using var host = await TestHost.StartAsync();
        string done = await host.StartRunAsync("quick");
        await host.WaitForStatusAsync(done, "Completed");
        string waiting = await host.StartRunAsync("gate");
        await host.WaitForStatusAsync(waiting, "Suspended");
        var viewer = host.Client("viewer");

        var suspended = await viewer.GetFromJsonAsync<JsonNode>("/api/runs?status=Suspended");
        var page = await viewer.GetFromJsonAsync<JsonNode>("/api/runs?take=1&skip=1");
        var byDefinition = await viewer.GetFromJsonAsync<JsonNode>("/api/runs?definitionId=quick");

        Assert.AreEqual(waiting, suspended!["items"]![0]!["runId"]!.ToString());
        Assert.AreEqual(1, suspended["total"]!.GetValue<int>());
        Assert.AreEqual(2, page!["total"]!.GetValue<int>());
        Assert.AreEqual(1, page["items"]!.AsArray().Count);
        Assert.AreEqual(done, byDefinition!["items"]![0]!["runId"]!.ToString());
        foreach (string bad in new[] { "?status=Sleeping", "?status=1", "?take=0", "?take=100000", "?skip=-1", "?status=' OR 1=1 --" })
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/runs" + bad)).StatusCode, bad);
        }

        Assert.AreEqual(0, (await viewer.GetFromJsonAsync<JsonNode>("/api/runs?definitionId=' OR 1=1 --"))!["total"]!.GetValue<int>());
    }

    [TestMethod]
    [DataRow("/api/runs?take=abc", "take")]
    [DataRow("/api/runs?skip=x", "skip")]
    [DataRow("/api/runs?take=1.5", "take")]
    [DataRow("/api/audit?take=abc", "take")]
    [DataRow("/api/audit?skip=-1", "skip")]
    [DataRow("/api/audit?skip=x", "skip")]
    public async Task List_PageNotAWholeNumberInRange_400NamingTheParameter(string url, string parameter)
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client("viewer").GetAsync(url);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, parameter);
        Assert.AreEqual(parameter, problem["errors"]?.AsArray().Single()!["path"]!.ToString(), problem.ToJsonString());
    }

    [TestMethod]
    public async Task Incident_SkipWithOutcome_ContinuesAndIsRecordedWithWhoAndWhy()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("broken");
        var run = await host.WaitForStatusAsync(runId, "Faulted");
        var incident = run["incidents"]![0]!;
        Assert.AreEqual("open", incident["status"]!.ToString());
        StringAssert.Contains(incident["message"]!.ToString(), "Cannot read properties of undefined");
        string path = $"/api/runs/{runId}/incidents/{incident["incidentId"]}/resolve";

        var badAction = await host.Client("olivia").PostAsJsonAsync(path, new { action = "ignore" });
        var byViewer = await host.Client("viewer").PostAsJsonAsync(path, new { action = "skip" });
        var skip = await host.Client("olivia").PostAsJsonAsync(path, new { action = "skip", outcome = "Done", comment = "set by hand" });
        var again = await host.Client("olivia").PostAsJsonAsync(path, new { action = "retry" });

        Assert.AreEqual(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.AreEqual(HttpStatusCode.Accepted, skip.StatusCode);
        Assert.AreEqual(HttpStatusCode.Conflict, again.StatusCode);
        await host.WaitForStatusAsync(runId, "Completed");
        var incidents = (await host.Client("viewer").GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/incidents"))!;
        Assert.AreEqual("skip", incidents[0]!["resolution"]!["action"]!.ToString());
        Assert.AreEqual("olivia", incidents[0]!["resolution"]!["resolvedBy"]!.ToString());
    }

    [TestMethod]
    [DataRow("retry")]
    [DataRow("abort")]
    public async Task Incident_OutcomeWithRetryOrAbort_400AndIncidentStaysOpen(string action)
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("broken");
        var run = await host.WaitForStatusAsync(runId, "Faulted");
        string incidentId = run["incidents"]![0]!["incidentId"]!.ToString();

        var response = await host.Client("olivia").PostAsJsonAsync($"/api/runs/{runId}/incidents/{incidentId}/resolve", new { action, outcome = "Done" });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "outcome");
        var incidents = (await host.Client("viewer").GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/incidents"))!;
        Assert.AreEqual(1, incidents.Count, incidents.ToJsonString());
        Assert.AreEqual("open", incidents[0]!["status"]!.ToString());
    }

    [TestMethod]
    public async Task Requests_MisspeltField_400NamingItAndNothingChanges()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate");
        string approvalId = (await host.PendingGateAsync(runId))["approvalId"]!.ToString();

        var decide = await host.Client("amir").PostAsJsonAsync($"/api/approvals/{approvalId}", new { decision = "approve", comments = "primary confirmed down" });
        var cancel = await host.Client("olivia").PostAsJsonAsync($"/api/runs/{runId}/cancel", new { reson = "wrong window" });
        var start = await host.Client("olivia").PostAsJsonAsync("/api/runs", new { definitionId = "gate", inputs = new { site = "standby" } });

        await Problem.AssertAsync(decide, HttpStatusCode.BadRequest, "comments");
        await Problem.AssertAsync(cancel, HttpStatusCode.BadRequest, "reson");
        await Problem.AssertAsync(start, HttpStatusCode.BadRequest, "inputs");
        Assert.AreEqual(approvalId, (await host.PendingGateAsync(runId))["approvalId"]!.ToString(), "the gate is still waiting");
        var runs = (await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/runs"))!;
        Assert.AreEqual(1, runs["total"]!.GetValue<int>());
        Assert.AreEqual("Suspended", runs["items"]![0]!["status"]!.ToString());
    }

    [TestMethod]
    public async Task Cancel_SuspendedRun_IsCancelledBySomeoneForAReason()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate");
        await host.WaitForStatusAsync(runId, "Suspended");

        var cancelled = await host.Client("olivia").PostAsJsonAsync($"/api/runs/{runId}/cancel", new { reason = "rehearsal over" });
        await host.WaitForStatusAsync(runId, "Cancelled");
        var twice = await host.Client("olivia").PostAsJsonAsync($"/api/runs/{runId}/cancel", new { reason = "again" });

        Assert.AreEqual(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.AreEqual(HttpStatusCode.Conflict, twice.StatusCode);
        var journal = (await host.Client("viewer").GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/journal"))!;
        var record = journal.Single(r => r!["kind"]!.ToString() == "RunCancelled")!;
        Assert.AreEqual("olivia", record["actor"]!.ToString());
        StringAssert.Contains(record["message"]!.ToString(), "rehearsal over");
        var verify = await host.Client("viewer").GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/journal/verify");
        Assert.IsTrue(verify!["valid"]!.GetValue<bool>());
        Assert.AreEqual(journal.Count, verify["records"]!.GetValue<int>());
    }
}
