using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class ApprovalsPagingTests
{
    [TestMethod]
    public async Task Approvals_TakeAndAfter_PageThroughEveryPendingGateOnceInOrder()
    {
        await using var host = await TestHost.StartAsync();
        var runs = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            string runId = await host.StartRunAsync("gate", user: i % 2 == 0 ? "ada" : "olivia");
            await host.PendingGateAsync(runId);
            runs.Add(runId);
        }

        var viewer = host.Client("viewer");
        var all = (await viewer.GetFromJsonAsync<JsonArray>("/api/approvals"))!;
        var paged = new List<JsonNode>();
        var pageSizes = new List<int>();
        string query = "/api/approvals?take=2";
        while (pageSizes.Count < 10)
        {
            var page = (await viewer.GetFromJsonAsync<JsonArray>(query))!;
            pageSizes.Add(page.Count);
            if (page.Count == 0)
            {
                break;
            }

            paged.AddRange(page.Select(g => g!));
            query = $"/api/approvals?take=2&after={page[^1]!["approvalId"]}";
        }

        CollectionAssert.AreEqual(runs, all.Select(g => g!["runId"]!.ToString()).ToList(), "without paging: every pending gate, oldest first");
        CollectionAssert.AreEqual(new[] { 2, 2, 1, 0 }, pageSizes);
        CollectionAssert.AreEqual(all.Select(g => g!.ToJsonString()).ToList(), paged.Select(g => g.ToJsonString()).ToList());
        Assert.AreEqual("ada", all[0]!["startedBy"]!.ToString());
        Assert.AreEqual("olivia", all[1]!["startedBy"]!.ToString());
        Assert.AreEqual("gate", all[0]!["definitionId"]!.ToString());
        var ofOne = (await viewer.GetFromJsonAsync<JsonArray>($"/api/approvals?runId={runs[3]}&take=1"))!;
        Assert.AreEqual(runs[3], ofOne.Single()!["runId"]!.ToString());
    }

    [TestMethod]
    public async Task Approvals_BadTakeOrAfter_400NamingTheField()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate");
        await host.PendingGateAsync(runId);
        var viewer = host.Client("viewer");

        foreach (var (query, field) in new[]
        {
            ("take=0", "take"), ("take=-1", "take"), ("take=abc", "take"), ("take=1001", "take"), ("take=", "take"), ("take=2.5", "take"),
            ("after=no-such-gate", "after"), ("after=", "after"), ($"after={runId}", "after"),
        })
        {
            using var response = await viewer.GetAsync("/api/approvals?" + query);
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, query);
            var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
            var paths = problem["errors"]!.AsArray().Select(e => e!["path"]!.ToString()).ToList();
            CollectionAssert.AreEqual(new[] { field }, paths, query);
        }

        Assert.HasCount(1, (await viewer.GetFromJsonAsync<JsonArray>("/api/approvals?take=1000"))!);
    }
}
