using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

/// <summary>SQL-injection strings in every filter, route parameter and body field: never a 500, never a change of state.</summary>
[TestClass]
public sealed class HostileParameterTests
{
    private static readonly string[] Injections =
    [
        "' OR 1=1 --",
        "x'; DROP TABLE runs; --",
        "\" OR \"\"=\"",
        "1; DELETE FROM journal WHERE 1=1",
        "') UNION SELECT api_key FROM users --",
        "$1",
    ];

    [TestMethod]
    public async Task EveryFilterAndParameter_InjectionStrings_4xxOrEmpty_AndNothingChanges()
    {
        await using var host = await TestHost.StartAsync();
        string done = await host.StartRunAsync("quick");
        await host.WaitForStatusAsync(done, "Completed");
        string waiting = await host.StartRunAsync("gate");
        string approvalId = (await host.PendingGateAsync(waiting))["approvalId"]!.ToString();
        var before = await HostState.ReadAsync(host);
        var failures = new List<string>();

        foreach (string injection in Injections)
        {
            string q = Uri.EscapeDataString(injection);
            foreach (var (user, method, url, body) in Requests(q, injection, done, approvalId))
            {
                using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await host.Client(user).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                int code = (int)response.StatusCode;
                string? type = response.Content.Headers.ContentType?.MediaType;

                // A stream of an existing run with a garbage 'after' starts from the beginning; it never ends by itself.
                string text = type == "text/event-stream" ? "(stream)" : await response.Content.ReadAsStringAsync();
                bool refused = code is >= 400 and < 500 && type == "application/problem+json";
                bool empty = code == 200 && (text is "[]" or "(stream)" || text.Contains("\"total\":0", StringComparison.Ordinal));
                if (!refused && !empty)
                {
                    failures.Add($"{method} {url} {body?.ToJsonString()}: {code} {response.Content.Headers.ContentType?.MediaType} {text[..Math.Min(200, text.Length)]}");
                }
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
        Assert.AreEqual(before, await HostState.ReadAsync(host), "a rejected request changes no state");
        foreach (string runId in new[] { done, waiting })
        {
            Assert.IsTrue((await host.Client("viewer").GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/journal/verify"))!["valid"]!.GetValue<bool>());
        }
    }

    [TestMethod]
    public async Task StartAndDecide_InjectionStringsAsValues_StoredVerbatim_TablesIntact()
    {
        await using var host = await TestHost.StartAsync();
        string injection = Injections[1];

        string runId = await host.StartRunAsync("gate", input: new JsonObject { ["site"] = injection });
        var gate = await host.PendingGateAsync(runId);
        var decided = await host.Client("amir").PostAsJsonAsync($"/api/approvals/{gate["approvalId"]}", new { decision = "reject", comment = injection });

        Assert.AreEqual(HttpStatusCode.OK, decided.StatusCode, await decided.Content.ReadAsStringAsync());
        var run = await host.WaitForStatusAsync(runId, "Faulted");
        Assert.AreEqual(injection, run["input"]!["site"]!.ToString());
        var journal = (await host.Client("viewer").GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/journal"))!;
        Assert.AreEqual(injection, journal.Single(r => r!["kind"]!.ToString() == "ApprovalRejected")!["data"]!["comment"]!.ToString());
        Assert.AreEqual(1, (await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/runs"))!["total"]!.GetValue<int>());
        Assert.IsTrue((await host.Client("viewer").GetFromJsonAsync<JsonNode>($"/api/runs/{runId}/journal/verify"))!["valid"]!.GetValue<bool>());
    }

    /// <summary>Every endpoint with a filter or parameter, the injection string in each (URL-escaped in <paramref name="q"/>).</summary>
    private static IEnumerable<(string User, HttpMethod Method, string Url, JsonObject? Body)> Requests(string q, string raw, string runId, string approvalId)
    {
        var get = HttpMethod.Get;
        var post = HttpMethod.Post;
        yield return ("viewer", get, $"/api/runs?status={q}", null);
        yield return ("viewer", get, $"/api/runs?definitionId={q}", null);
        yield return ("viewer", get, $"/api/runs?skip={q}", null);
        yield return ("viewer", get, $"/api/runs?take={q}", null);
        yield return ("viewer", get, $"/api/runs/{q}", null);
        yield return ("viewer", get, $"/api/runs/{q}/journal", null);
        yield return ("viewer", get, $"/api/runs/{q}/journal/verify", null);
        yield return ("viewer", get, $"/api/runs/{q}/incidents", null);
        yield return ("viewer", get, $"/api/runs/{q}/events", null);
        yield return ("viewer", get, $"/api/runs/{q}/report?format=json", null);
        yield return ("viewer", get, $"/api/runs/{runId}/report?format={q}", null);
        yield return ("viewer", get, $"/api/runs/{runId}/events?after={q}", null);
        yield return ("viewer", get, $"/api/approvals?status={q}", null);
        yield return ("viewer", get, $"/api/approvals?runId={q}", null);
        yield return ("viewer", get, $"/api/workflows/{q}", null);
        yield return ("viewer", get, $"/api/workflows/{q}/versions", null);
        yield return ("viewer", get, $"/api/workflows/quick/versions/{q}", null);
        yield return ("viewer", get, $"/api/audit?skip={q}", null);
        yield return ("viewer", get, $"/api/audit?take={q}", null);
        yield return ("olivia", post, "/api/runs", new JsonObject { ["definitionId"] = raw });
        yield return ("olivia", post, "/api/runs", new JsonObject { ["definitionId"] = "gate", ["version"] = raw });
        yield return ("olivia", post, "/api/runs", new JsonObject { ["definitionId"] = "gate", ["input"] = new JsonObject { [raw] = "x" } });
        yield return ("olivia", post, $"/api/runs/{q}/cancel", new JsonObject { ["reason"] = raw });
        yield return ("olivia", post, $"/api/runs/{runId}/incidents/{q}/resolve", new JsonObject { ["action"] = "retry", ["comment"] = raw });
        yield return ("olivia", post, $"/api/runs/{runId}/incidents/x/resolve", new JsonObject { ["action"] = raw });
        yield return ("amir", post, $"/api/approvals/{q}", new JsonObject { ["decision"] = "approve", ["comment"] = raw });
        yield return ("amir", post, $"/api/approvals/{approvalId}", new JsonObject { ["decision"] = raw });
        yield return ("ada", HttpMethod.Put, $"/api/workflows/{q}", JsonNode.Parse(TestWorkflows.Quick)!.AsObject());
        yield return ("ada", post, $"/api/workflows/{q}/publish", null);
        yield return ("olivia", post, $"/api/workflows/{q}/plan", new JsonObject());
        yield return ("olivia", post, "/api/workflows/gate/plan", new JsonObject { ["version"] = raw });
        yield return ("ada", post, "/api/lab/faults", new JsonObject { ["fault"] = raw });
        yield return ("ada", post, "/api/lab/faults", new JsonObject { ["fault"] = "ReplicationSuspended", ["parameters"] = new JsonObject { ["group"] = raw } });
        foreach (var (fault, parameter) in new[]
        {
            ("PrimaryCmsStillOnline", "site"), ("ComputerAccountNotReplicated", "site"), ("SiteIsolated", "site"), ("ClusterNameObjectLacksRights", "cluster"),
            ("PassiveRoleMissing", "node"), ("SetupFails", "node"), ("DnsServerStale", "server"), ("DirtyShutdown", "database"),
            ("LogPrefixMismatch", "storageGroup"), ("ReplicationLagging", "tracks"), ("ReplicationLagging", "lagSeconds"), ("ReplicationSuspended", raw),
        })
        {
            yield return ("ada", post, "/api/lab/faults", new JsonObject { ["fault"] = fault, ["parameters"] = new JsonObject { [parameter] = raw } });
        }

        yield return ("ada", post, "/api/lab/actions", new JsonObject { ["action"] = raw });
        foreach (var (action, parameter) in new[] { ("RestoreReplication", "group"), ("UpgradeExchangeOnNode", "node"), ("UpgradeExchangeOnNode", "version"), ("RestoreMissingLogs", "database"), ("RunSoftRecovery", "database"), ("ForceAdReplication", raw) })
        {
            yield return ("ada", post, "/api/lab/actions", new JsonObject { ["action"] = action, ["parameters"] = new JsonObject { [parameter] = raw } });
        }
    }
}
