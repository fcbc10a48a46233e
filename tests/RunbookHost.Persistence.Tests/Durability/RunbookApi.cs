using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// The REST API of a host process as its users call it: olivia (operator) starts runs, confirms
/// nothing she must not and resolves incidents; amir (approver) decides approvals, ada (admin)
/// confirms manual steps and drives the lab. Nobody decides a gate of a run they started.
/// </summary>
internal sealed class RunbookApi : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["olivia"] = "operator-key-0123456789",
        ["amir"] = "approver-key-0123456789",
        ["ada"] = "admin-key-0123456789abc",
    };

    private static readonly IReadOnlyDictionary<string, string> RoleOf = new Dictionary<string, string>
    {
        ["olivia"] = "operator",
        ["amir"] = "approver",
        ["ada"] = "admin",
    };

    private readonly Dictionary<string, HttpClient> _clients;

    public RunbookApi(string url) =>
        _clients = Keys.ToDictionary(k => k.Key, k =>
        {
            var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", k.Value);
            return client;
        });

    /// <summary>The host settings that create these users.</summary>
    public static IEnumerable<string> UserSettings() =>
        Keys.Keys.Select((name, i) => new[]
        {
            $"--Runbook:Users:{i}:Name={name}", $"--Runbook:Users:{i}:ApiKey={Keys[name]}", $"--Runbook:Users:{i}:Roles:0={RoleOf[name]}",
        }).SelectMany(s => s);

    /// <summary>Starts a run as olivia; null when the host died before it answered (the run may exist).</summary>
    public async Task<string?> TryStartAsync(string definitionId, JsonObject input, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _clients["olivia"].PostAsJsonAsync("/api/runs", new JsonObject { ["definitionId"] = definitionId, ["input"] = input }, cancellationToken);
            Assert.AreEqual(System.Net.HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            return (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["runId"]!.ToString();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task<JsonNode> RunAsync(string runId, CancellationToken cancellationToken) =>
        (await _clients["olivia"].GetFromJsonAsync<JsonNode>($"/api/runs/{runId}", cancellationToken))!;

    public async Task<IReadOnlyList<string>> RunIdsAsync(string definitionId, CancellationToken cancellationToken) =>
        [.. (await _clients["olivia"].GetFromJsonAsync<JsonNode>($"/api/runs?definitionId={definitionId}&take=500", cancellationToken))!["items"]!
            .AsArray().Select(r => r!["runId"]!.ToString())];

    public async Task<JsonArray> JournalAsync(string runId, CancellationToken cancellationToken) =>
        (await _clients["olivia"].GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/journal", cancellationToken))!;

    /// <summary>Approvals by amir, manual steps by ada; 409 (decided meanwhile) is fine.</summary>
    public async Task DecideAsync(JsonNode gate, CancellationToken cancellationToken)
    {
        string user = gate["kind"]!.ToString() == "approval" ? "amir" : "ada";
        var response = await _clients[user].PostAsJsonAsync($"/api/approvals/{gate["approvalId"]}", new { decision = "approve", comment = "checked" }, cancellationToken);
        Assert.IsTrue(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task ResolveAsync(string runId, string incidentId, string action, string? outcome, string comment, CancellationToken cancellationToken)
    {
        var response = await _clients["olivia"].PostAsJsonAsync($"/api/runs/{runId}/incidents/{incidentId}/resolve", new { action, outcome, comment }, cancellationToken);
        Assert.IsTrue(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task ResetLabAsync(CancellationToken cancellationToken) =>
        (await _clients["ada"].PostAsync("/api/lab/reset", null, cancellationToken)).EnsureSuccessStatusCode();

    public async Task FaultAsync(string fault, JsonObject parameters, bool enabled, CancellationToken cancellationToken) =>
        (await _clients["ada"].PostAsJsonAsync("/api/lab/faults", new JsonObject { ["fault"] = fault, ["parameters"] = parameters, ["enabled"] = enabled }, cancellationToken)).EnsureSuccessStatusCode();

    /// <summary>The lab's own record of the commands run against the simulated sites (persisted in its state file), oldest first.</summary>
    public async Task<IReadOnlyList<string>> LabCommandsAsync(CancellationToken cancellationToken) =>
        [.. (await _clients["olivia"].GetFromJsonAsync<JsonNode>("/api/lab", cancellationToken))!["snapshot"]!["recentCommands"]!
            .AsArray().Select(c => c!["commandLine"]!.ToString())];

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
