using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Hosting;

namespace RunbookHost.Server.Cli;

/// <summary>The demo's script, played through the REST API as the demo users.</summary>
internal sealed class DemoScenario(string url, IReadOnlyDictionary<string, string> keys, DemoProgress progress, TextWriter output)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);
    private readonly List<string> _runs = [];

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        output.WriteLine("1. The primary site fails (lab: SiteIsolated primary). Activation of the standby site:");
        await LabAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, enabled: true, ct);
        bool ok = await RunToEndAsync("activation", new JsonObject(), ct);

        output.WriteLine("2. The old primary's nodes come back, isolated (console only). Clear the CMS there:");
        await LabAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, enabled: false, ct);
        await LabAsync("SiteIsolated", new JsonObject { ["site"] = "primary", ["consoleAccess"] = "true" }, enabled: true, ct);
        ok = ok && await RunToEndAsync("clear-local-cms", new JsonObject { ["site"] = "primary" }, ct);

        output.WriteLine("3. The primary site rejoins the network. Failback after a full resync, in a downtime window:");
        await LabAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, enabled: false, ct);
        ok = ok && await RunToEndAsync("failback", new JsonObject(), ct);

        await SummaryAsync(ct);
        return ok;
    }

    private async Task<bool> RunToEndAsync(string definitionId, JsonObject input, CancellationToken ct)
    {
        var started = await SendAsync(Roles.Operator, HttpMethod.Post, "/api/runs", new JsonObject { ["definitionId"] = definitionId, ["input"] = input }, ct);
        string runId = started["runId"]!.ToString();
        progress.Name(runId, definitionId);
        _runs.Add(runId);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(RunLimit);
        while (!limit.IsCancellationRequested)
        {
            var run = await GetAsync(Roles.Viewer, $"/api/runs/{runId}", limit.Token);
            string status = run["status"]!.ToString();
            if (run["finishedAt"] is not null)
            {
                return status == "Completed";
            }

            if (status == "Faulted")
            {
                output.WriteLine($"   {definitionId} stopped on an incident: {run["incidents"]?[0]?["message"]}");
                return false;
            }

            foreach (var gate in run["pendingApprovals"]!.AsArray())
            {
                await DecideAsync(definitionId, gate!, limit.Token);
            }

            await Task.Delay(100, limit.Token);
        }

        output.WriteLine($"   {definitionId} did not finish within {RunLimit.TotalMinutes} minutes.");
        return false;
    }

    /// <summary>
    /// Approvals go to the approver (amir), manual steps to the admin (ada): never the starter (olivia). Before confirming a
    /// manual step, the admin does in the lab what it asks for: the lab's operator actions that serve it.
    /// </summary>
    private async Task DecideAsync(string definitionId, JsonNode gate, CancellationToken ct)
    {
        bool approval = gate["kind"]!.ToString() == "approval";
        if (!approval)
        {
            await OperatorActionsAsync($"{definitionId}/{gate["activityId"]}", ct);
        }

        string comment = approval ? "Demo: checked and approved by the approver on duty." : "Demo: done at the console.";
        await SendAsync(approval ? Roles.Approver : Roles.Admin, HttpMethod.Post, $"/api/approvals/{gate["approvalId"]}", new JsonObject { ["decision"] = "approve", ["comment"] = comment }, ct);
    }

    /// <summary>Performs each lab action that serves the manual step; one the lab refuses (nothing to do now) is left out.</summary>
    private async Task OperatorActionsAsync(string step, CancellationToken ct)
    {
        var lab = await GetAsync(Roles.Viewer, "/api/lab", ct);
        foreach (var action in (lab["actions"] as JsonArray ?? []).OfType<JsonObject>().Where(a => (a["manualSteps"] as JsonArray ?? []).Any(s => s?.ToString() == step)))
        {
            var (performed, body) = await TrySendAsync(Roles.Admin, HttpMethod.Post, "/api/lab/actions", new JsonObject { ["action"] = action["name"]!.ToString() }, ct);
            if (performed)
            {
                output.WriteLine($"   lab, by hand: {body["message"]}");
            }
        }
    }

    private async Task SummaryAsync(CancellationToken ct)
    {
        output.WriteLine();
        output.WriteLine("Audit summary");
        foreach (string runId in _runs)
        {
            var report = await GetAsync(Roles.Viewer, $"/api/runs/{runId}/report?format=json", ct);
            var run = report["run"]!;
            var times = report["times"]!;
            output.WriteLine($"- {run["definitionId"]} v{run["version"]}: {run["status"]}, started by {run["startedBy"]}; " +
                $"{Minutes(times["totalSeconds"])} in all, {Minutes(times["waitingForPeopleSeconds"])} waiting for people; " +
                $"{report["commands"]!.AsArray().Count} commands; journal {(report["verification"]!["valid"]!.GetValue<bool>() ? "verified" : "INVALID")} ({report["verification"]!["records"]} records).");
            foreach (var gate in report["approvals"]!.AsArray())
            {
                output.WriteLine($"    {gate!["kind"]} '{gate["title"]}': {gate["decision"]} by {gate["decidedBy"]}");
            }

            foreach (var incident in report["incidents"]!.AsArray())
            {
                output.WriteLine($"    incident on {incident!["activityId"]}: {incident["message"]} -> {incident["resolution"]?["action"] ?? "open"}");
            }
        }
    }

    private static string Minutes(JsonNode? seconds) => $"{(seconds?.GetValue<double>() ?? 0) / 60:0} min";

    private async Task LabAsync(string fault, JsonObject parameters, bool enabled, CancellationToken ct) =>
        await SendAsync(Roles.Admin, HttpMethod.Post, "/api/lab/faults", new JsonObject { ["fault"] = fault, ["parameters"] = parameters, ["enabled"] = enabled }, ct);

    private async Task<JsonNode> GetAsync(string role, string path, CancellationToken ct)
    {
        using var client = Client(role);
        return (await client.GetFromJsonAsync<JsonNode>(path, ct))!;
    }

    /// <summary>Sends a request that the host may refuse with 409 (false, the problem); any other failure throws.</summary>
    private async Task<(bool Done, JsonNode Body)> TrySendAsync(string role, HttpMethod method, string path, JsonObject body, CancellationToken ct)
    {
        using var client = Client(role);
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }, ct);
        string text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            throw new CliException($"{method} {path} as {role}: {(int)response.StatusCode} {text}");
        }

        return (response.IsSuccessStatusCode, JsonNode.Parse(text)!);
    }

    private async Task<JsonNode> SendAsync(string role, HttpMethod method, string path, JsonObject body, CancellationToken ct)
    {
        using var client = Client(role);
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }, ct);
        string text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException($"{method} {path} as {role}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!;
    }

    private HttpClient Client(string role)
    {
        string key = keys[role == Roles.Viewer ? Roles.Operator : role];
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
