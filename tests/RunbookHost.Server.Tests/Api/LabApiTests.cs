using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class LabApiTests
{
    [TestMethod]
    [DataRow("\"false\"")]
    [DataRow("0")]
    [DataRow("\"no\"")]
    public async Task Faults_EnabledNotTrueOrFalse_400AndNoFaultInjected(string enabled)
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");

        var response = await admin.PostAsync("/api/lab/faults", new StringContent($$"""{"fault": "DnsServerStale", "enabled": {{enabled}}}""", System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "enabled");
        var lab = (await admin.GetFromJsonAsync<JsonNode>("/api/lab"))!;
        Assert.AreEqual(0, lab["snapshot"]!["faults"]!.AsArray().Count, lab["snapshot"]!["faults"]!.ToJsonString());
        Assert.AreEqual(0, (await admin.GetFromJsonAsync<JsonArray>("/api/audit"))!.Count);
    }

    [TestMethod]
    [DataRow("""{"fault": "SiteIsolated", "parameters": {"consoleAccess": "maybe"}}""", "parameters.consoleAccess")]
    [DataRow("""{"fault": "DnsServerStale", "parameters": {"server": "dns1"}}""", "parameters.server")]
    [DataRow("""{"fault": "CosmicRay"}""", "fault")]
    public async Task Faults_BadParameterOrUnknownFault_400NamingItAndNothingInjected(string body, string path)
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");

        var response = await admin.PostAsync("/api/lab/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, path);
        var lab = (await admin.GetFromJsonAsync<JsonNode>("/api/lab"))!;
        Assert.AreEqual(0, lab["snapshot"]!["faults"]!.AsArray().Count, lab["snapshot"]!["faults"]!.ToJsonString());
    }

    [TestMethod]
    public async Task DeleteFault_Active_ClearsEveryFaultOfThatNameAndIsAudited()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        await admin.PostAsJsonAsync("/api/lab/faults", new { fault = "SiteIsolated" });
        await admin.PostAsJsonAsync("/api/lab/faults", new { fault = "SiteIsolated", parameters = new { consoleAccess = true } });

        var response = await admin.DeleteAsync("/api/lab/faults/SiteIsolated");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var lab = (await admin.GetFromJsonAsync<JsonNode>("/api/lab"))!;
        Assert.AreEqual(0, lab["snapshot"]!["faults"]!.AsArray().Count, lab["snapshot"]!["faults"]!.ToJsonString());
        Assert.IsTrue(lab["snapshot"]!["sites"]!.AsArray().SelectMany(s => s!["nodes"]!.AsArray()).All(n => !n!["isolated"]!.GetValue<bool>()));
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit"))!;
        Assert.AreEqual("LabFaultCleared", audit[0]!["action"]!.ToString());
        Assert.AreEqual("SiteIsolated", audit[0]!["target"]!.ToString());
    }

    [TestMethod]
    [DataRow("SiteIsolated")]
    [DataRow("Gremlins")]
    public async Task DeleteFault_NotActive_404AndNothingAudited(string fault)
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");

        var response = await admin.DeleteAsync($"/api/lab/faults/{fault}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, fault);
        Assert.AreEqual(0, (await admin.GetFromJsonAsync<JsonArray>("/api/audit"))!.Count);
    }

    [TestMethod]
    public async Task DeleteFault_ByOperator_403()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client("olivia").DeleteAsync("/api/lab/faults/SiteIsolated");

        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
