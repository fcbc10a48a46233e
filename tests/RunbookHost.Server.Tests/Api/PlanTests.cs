using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class PlanTests
{
    [TestMethod]
    public async Task Plan_Activation_ListsStepsWithExactCommandsAndChangesNothing()
    {
        await using var host = await TestHost.StartAsync($"--Runbook:WorkflowsPath={RepositoryWorkflows()}");
        var labBefore = await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/lab");

        var response = await host.Client("olivia").PostAsJsonAsync("/api/workflows/activation/plan", new { input = new { standbySite = "standby" } });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var plan = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var steps = plan["steps"]!.AsArray();
        var ids = steps.Select(s => s!["activityId"]!.ToString()).ToList();
        Assert.AreEqual("Completed", plan["endStatus"]!.ToString(), plan.ToJsonString());
        Assert.IsTrue(ids.IndexOf("flip") < ids.IndexOf("recover") && ids.IndexOf("recover") < ids.IndexOf("moveDisks"), string.Join(",", ids));
        var commands = steps.SelectMany(s => s!["commands"]!.AsArray()).Select(c => c!["commandLine"]!.ToString()).ToList();
        CollectionAssert.Contains(commands, "setup.com /recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.2.0.50");
        Assert.IsTrue(commands.Any(c => c.Contains("failover", StringComparison.Ordinal)), "the storage flip is planned");
        Assert.AreEqual("approval", steps.Single(s => s!["activityId"]!.ToString() == "confirmFailure")!["gate"]!["kind"]!.ToString());
        Assert.IsTrue(plan["assumptions"]!.AsArray().Count > 0);

        var runs = await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/runs");
        var labAfter = await host.Client("viewer").GetFromJsonAsync<JsonNode>("/api/lab");
        Assert.AreEqual(0, runs!["total"]!.GetValue<int>(), "planning creates no run");
        Assert.AreEqual(labBefore!["snapshot"]!["revision"]!.ToJsonString(), labAfter!["snapshot"]!["revision"]!.ToJsonString(), "planning does not touch the host's lab");
    }

    [TestMethod]
    public async Task Plan_ServicePackUpgrade_UpgradesThePassiveNodeAndMovesTheCmsThereBeforeUpgradeCms()
    {
        await using var host = await TestHost.StartAsync($"--Runbook:WorkflowsPath={RepositoryWorkflows()}");

        var response = await host.Client("olivia").PostAsJsonAsync("/api/workflows/service-pack-upgrade/plan", new { input = new { targetVersion = "8.2.176.2" } });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var plan = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.AreEqual("Completed", plan["endStatus"]!.ToString(), plan.ToJsonString());
        var commands = plan["steps"]!.AsArray().SelectMany(s => s!["commands"]!.AsArray())
            .Select(c => $"{c!["target"]}: {c["commandLine"]}")
            .Where(c => c.Contains("setup.com", StringComparison.Ordinal) || c.Contains("/moveto:", StringComparison.Ordinal))
            .ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                "NodeB: setup.com /mode:upgrade",
                "CLUSTER-PRI: cluster /cluster:CLUSTER-PRI group \"MBX-1\" /moveto:NodeB /wait:600",
                "NodeB: setup.com /upgradeCMS",
                "NodeA: setup.com /mode:upgrade",
                "NodeC: setup.com /mode:upgrade",
                "NodeD: setup.com /mode:upgrade",
            },
            commands,
            string.Join("\n", commands));
    }

    [TestMethod]
    public async Task Plan_BadInputOrUnknownWorkflow_400Or404()
    {
        await using var host = await TestHost.StartAsync();
        var client = host.Client("olivia");

        var unknown = await client.PostAsJsonAsync("/api/workflows/nope/plan", new { });
        var badInput = await client.PostAsJsonAsync("/api/workflows/gate/plan", new { input = new { colour = "red" } });
        var notObject = await client.PostAsJsonAsync("/api/workflows/gate/plan", new { input = "x" });
        var byViewer = await host.Client("viewer").PostAsJsonAsync("/api/workflows/gate/plan", new { });

        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "There is no workflow 'nope'.");
        Assert.AreEqual(HttpStatusCode.BadRequest, badInput.StatusCode);
        StringAssert.Contains(await badInput.Content.ReadAsStringAsync(), "input.colour");
        Assert.AreEqual(HttpStatusCode.BadRequest, notObject.StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, byViewer.StatusCode);
    }

    [TestMethod]
    public async Task Plan_InputNamesNoConfiguredSite_StopsAtTheFirstStepAndSaysWhy()
    {
        await using var host = await TestHost.StartAsync($"--Runbook:WorkflowsPath={RepositoryWorkflows()}");

        var response = await host.Client("olivia").PostAsJsonAsync("/api/workflows/activation/plan", new { input = new { standbySite = "mars" } });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var plan = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        const string Why = "Input 'standbySite' names site 'mars', which is not configured (the sites are primary, standby).";
        Assert.AreEqual("Faulted", plan["endStatus"]!.ToString(), plan.ToJsonString());
        Assert.AreEqual("Stopped before any change: " + Why, plan["fault"]?.ToString(), plan.ToJsonString());
        var steps = plan["steps"]!.AsArray();
        var first = steps[0]!;
        Assert.AreEqual(("checkSites", "Failed"), (first["activityId"]!.ToString(), first["outcome"]?.ToString()), plan.ToJsonString());
        Assert.AreEqual(Why, first["note"]?.ToString(), plan.ToJsonString());
        Assert.IsTrue(steps.All(s => s!["commands"]!.AsArray().Count == 0 && s["gate"] is null), "nothing would run and nobody be asked: " + plan.ToJsonString());
    }

    private static string RepositoryWorkflows()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookHost.sln")))
            {
                return Path.Combine(dir.FullName, "workflows");
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }
}
