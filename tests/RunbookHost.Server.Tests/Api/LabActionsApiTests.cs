using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Lab;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

/// <summary>POST /api/lab/actions: what an administrator does by hand at a site, performed in the lab.</summary>
[TestClass]
public sealed class LabActionsApiTests
{
    [TestMethod]
    public async Task Lab_Get_ListsTheOperatorActionsWithTheManualStepsTheyServe()
    {
        await using var host = await TestHost.StartAsync();

        var lab = (await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/lab"))!;

        var actions = lab["actions"]!.AsArray();
        var enable = actions.Single(a => a!["name"]!.ToString() == "EnableCmsComputerAccount")!;
        Assert.AreEqual("clear-local-cms/enableAccount", enable["manualSteps"]![0]!.ToString());
        Assert.IsEmpty(enable["parameters"]!.AsArray());
        var node = actions.Single(a => a!["name"]!.ToString() == "UpgradeExchangeOnNode")!["parameters"]!.AsArray().Single(p => p!["name"]!.ToString() == "node")!;
        Assert.IsTrue(node["required"]!.GetValue<bool>());
        Assert.AreEqual("[\"NodeA\",\"NodeB\",\"NodeC\",\"NodeD\"]", node["choices"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Actions_EnableCmsComputerAccountDisabledByClearLocalCms_200EnablesItAndIsAudited()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        host.Services.GetRequiredService<LabEnvironment>().Change((state, _) => state.Directory.ComputerAccountEnabled = false); // as /clearLocalCMS leaves it

        var response = await admin.PostAsJsonAsync("/api/lab/actions", new { action = "EnableCmsComputerAccount" });

        string text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        var body = JsonNode.Parse(text)!;
        Assert.AreEqual("EnableCmsComputerAccount", body["action"]!.ToString());
        StringAssert.Contains(body["message"]!.ToString(), "The computer account of MBX-1 is enabled again");
        StringAssert.StartsWith(body["commands"]![0]!["commandLine"]!.ToString(), "dsmod computer \"CN=MBX-1,");
        Assert.IsTrue(body["snapshot"]!["directory"]!["computerAccountEnabled"]!.GetValue<bool>());
        var lab = (await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/lab"))!;
        Assert.IsTrue(lab["snapshot"]!["directory"]!["computerAccountEnabled"]!.GetValue<bool>());
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit"))!;
        Assert.AreEqual(("LabActionPerformed", "EnableCmsComputerAccount", "ada"), (audit[0]!["action"]!.ToString(), audit[0]!["target"]!.ToString(), audit[0]!["actor"]!.ToString()));
        StringAssert.Contains(audit[0]!["detail"]!.ToString(), "enabled again");
    }

    [TestMethod]
    public async Task Actions_RestoreReplicationAfterSuspendedFault_200ResyncsAndTheFaultIsNoLongerListed()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        Assert.AreEqual(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/lab/faults", new { fault = "ReplicationSuspended" })).StatusCode);

        var response = await admin.PostAsJsonAsync("/api/lab/actions", new { action = "RestoreReplication", parameters = new { group = "RG-MBX1" } });

        string text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        var body = JsonNode.Parse(text)!;
        StringAssert.Contains(body["message"]!.ToString(), "RG-MBX1 is established again");
        Assert.IsEmpty(body["snapshot"]!["faults"]!.AsArray());
        Assert.AreNotEqual("Suspended", body["snapshot"]!["replication"]![0]!["state"]!.ToString());
        Assert.AreEqual("group=RG-MBX1", ((string)(await admin.GetFromJsonAsync<JsonArray>("/api/audit"))![0]!["detail"]!)[..13]);
    }

    [TestMethod]
    public async Task Actions_AccountAlreadyEnabled_409WithTheReason_NothingChangesOrIsAudited()
    {
        await using var host = await TestHost.StartAsync();
        var before = await HostState.ReadAsync(host);

        var response = await host.Client("ada").PostAsJsonAsync("/api/lab/actions", new { action = "EnableCmsComputerAccount" });

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "The computer account of MBX-1 is already enabled in Active Directory");
        Assert.AreEqual(before, await HostState.ReadAsync(host));
    }

    [TestMethod]
    [DataRow("""{"action": "SacrificeAGoat"}""", "action", "There is no lab action 'SacrificeAGoat'")]
    [DataRow("""{}""", "action", "'action' is required: one of EnableCmsComputerAccount,")]
    [DataRow("""{"action": 5}""", "action", "'action' must be text")]
    [DataRow("""{"action": "EnableCmsComputerAccount", "colour": "red"}""", "colour", "not a field of this request")]
    [DataRow("""{"action": "EnableCmsComputerAccount", "parameters": ["x"]}""", "parameters", "must be an object")]
    [DataRow("""{"action": "RestoreReplication", "parameters": {"group": "RG-X"}}""", "parameters.group", "there is no group 'RG-X'")]
    [DataRow("""{"action": "RestoreReplication", "parameters": {"group": {"name": "RG-MBX1"}}}""", "parameters.group", "must be text, a number or true/false")]
    [DataRow("""{"action": "UpgradeExchangeOnNode"}""", "parameters.node", "'node' is required")]
    [DataRow("""{"action": "UpgradeExchangeOnNode", "parameters": {"node": "NodeC", "version": "SP2"}}""", "parameters.version", "must be an Exchange build")]
    public async Task Actions_BadRequest_400NamingTheField_NothingChanges(string body, string path, string says)
    {
        await using var host = await TestHost.StartAsync();
        var before = await HostState.ReadAsync(host);

        var response = await host.Client("ada").PostAsync("/api/lab/actions", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, says);
        CollectionAssert.Contains(problem["errors"]!.AsArray().Select(e => e!["path"]!.ToString()).ToList(), path, problem.ToJsonString());
        Assert.AreEqual(before, await HostState.ReadAsync(host));
    }

    [TestMethod]
    [DataRow("olivia")]
    [DataRow("ada")]
    public async Task Actions_ByOperatorOrAdmin_200PerformedAndAuditedUnderTheirName(string user)
    {
        await using var host = await TestHost.StartAsync();
        host.Services.GetRequiredService<LabEnvironment>().Change((state, _) => state.Directory.ComputerAccountEnabled = false); // as /clearLocalCMS leaves it

        var response = await host.Client(user).PostAsJsonAsync("/api/lab/actions", new { action = "EnableCmsComputerAccount" });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var lab = (await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/lab"))!;
        Assert.IsTrue(lab["snapshot"]!["directory"]!["computerAccountEnabled"]!.GetValue<bool>());
        var audit = (await host.Client("ada").GetFromJsonAsync<JsonArray>("/api/audit"))!;
        Assert.AreEqual(("LabActionPerformed", "EnableCmsComputerAccount", user), (audit[0]!["action"]!.ToString(), audit[0]!["target"]!.ToString(), audit[0]!["actor"]!.ToString()));
    }

    [TestMethod]
    [DataRow("viewer", HttpStatusCode.Forbidden)]
    [DataRow("amir", HttpStatusCode.Forbidden)]
    [DataRow(null, HttpStatusCode.Unauthorized)]
    public async Task Actions_ByViewerApproverOrAnonymous_403Or401_NothingChanges(string? user, HttpStatusCode expected)
    {
        await using var host = await TestHost.StartAsync();
        host.Services.GetRequiredService<LabEnvironment>().Change((state, _) => state.Directory.ComputerAccountEnabled = false);
        var before = await HostState.ReadAsync(host);

        var response = await host.Client(user).PostAsJsonAsync("/api/lab/actions", new { action = "EnableCmsComputerAccount" });

        Assert.AreEqual(expected, response.StatusCode);
        Assert.AreEqual(before, await HostState.ReadAsync(host));
        var lab = (await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/lab"))!;
        Assert.IsFalse(lab["snapshot"]!["directory"]!["computerAccountEnabled"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task FaultsAndReset_ByOperator_403_NothingChanges()
    {
        await using var host = await TestHost.StartAsync();
        var admin = host.Client("ada");
        Assert.AreEqual(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/lab/faults", new { fault = "ReplicationSuspended" })).StatusCode);
        var before = await HostState.ReadAsync(host);
        var olivia = host.Client("olivia");

        var inject = await olivia.PostAsJsonAsync("/api/lab/faults", new { fault = "DnsServerStale" });
        var clear = await olivia.PostAsJsonAsync("/api/lab/faults", new { fault = "ReplicationSuspended", enabled = false });
        var reset = await olivia.PostAsync("/api/lab/reset", null);

        Assert.AreEqual((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (inject.StatusCode, clear.StatusCode, reset.StatusCode));
        Assert.AreEqual(before, await HostState.ReadAsync(host));
        var lab = (await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/lab"))!;
        Assert.AreEqual("ReplicationSuspended", lab["snapshot"]!["faults"]!.AsArray().Single()!["name"]!.ToString());
    }
}
