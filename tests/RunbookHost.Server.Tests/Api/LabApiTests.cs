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
}
