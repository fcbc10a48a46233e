using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class AuditTests
{
    [TestMethod]
    public async Task Audit_WorkflowSaveAndPublishAndLabFaults_AreRecordedWithTheActor()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");

        await admin.PutAsync("/api/workflows/quick", new StringContent(TestWorkflows.Quick, Encoding.UTF8, "application/json"));
        await admin.PostAsync("/api/workflows/quick/publish", null);
        var fault = await admin.PostAsJsonAsync("/api/lab/faults", new { fault = "PassiveRoleMissing", parameters = new { node = "NodeD" }, enabled = true });
        var unknownFault = await admin.PostAsJsonAsync("/api/lab/faults", new { fault = "Gremlins" });
        await admin.PostAsync("/api/lab/reset", null);

        Assert.AreEqual(HttpStatusCode.OK, fault.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, unknownFault.StatusCode);
        var audit = (await host.Client("viewer").GetFromJsonAsync<JsonArray>("/api/audit"))!;
        var actions = audit.Select(e => e!["action"]!.ToString()).ToList();
        CollectionAssert.AreEqual(new[] { "LabReset", "LabFaultInjected", "WorkflowPublished", "WorkflowSaved" }, actions);
        Assert.IsTrue(audit.All(e => e!["actor"]!.ToString() == "ada"));
        Assert.AreEqual("node=NodeD", audit[1]!["detail"]!.ToString());
        Assert.AreEqual(HttpStatusCode.BadRequest, (await host.Client("viewer").GetAsync("/api/audit?take=0")).StatusCode);
    }
}
