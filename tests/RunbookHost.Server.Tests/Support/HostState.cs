using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Server.Tests.Support;

/// <summary>What a rejected request must leave as it was: runs, workflow versions, pending gates, the audit trail and the lab.</summary>
internal sealed record HostState(int Runs, string Workflows, int PendingGates, int AuditEntries, string? LabRevision)
{
    public static async Task<HostState> ReadAsync(TestHost host)
    {
        var admin = host.Client("ada");
        var runs = (await admin.GetFromJsonAsync<JsonNode>("/api/runs?take=1"))!;
        var workflows = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows"))!;
        var gates = (await admin.GetFromJsonAsync<JsonArray>("/api/approvals"))!;
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?take=500"))!;
        using var lab = await admin.GetAsync("/api/lab");
        string? revision = lab.IsSuccessStatusCode ? (await lab.Content.ReadFromJsonAsync<JsonNode>())!["snapshot"]!["revision"]!.ToJsonString() : null;
        return new HostState(runs["total"]!.GetValue<int>(), workflows.ToJsonString(), gates.Count, audit.Count, revision);
    }
}
