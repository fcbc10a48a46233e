using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Server.Tests.Support;
using RunbookHost.Workflows.Descriptors;

namespace RunbookHost.Server.Tests.Docs;

[TestClass]
public sealed class ActivityCatalogueTests
{
    [TestMethod]
    public async Task ActivityCatalogue_DocsFile_MatchesTheRegisteredActivities()
    {
        await using var host = await TestHost.StartAsync();
        string expected = ActivityCatalogue.Render(host.Services.GetRequiredService<ActivityRegistry>());
        string path = Path.Combine(RepositoryRoot(), "docs", "activities.md");
        if (Environment.GetEnvironmentVariable("RUNBOOK_WRITE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }

        Assert.IsTrue(File.Exists(path), "docs/activities.md is missing; run with RUNBOOK_WRITE_DOCS=1 to write it.");
        string[] actualLines = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n").Split('\n');
        string[] expectedLines = expected.ReplaceLineEndings("\n").Split('\n');
        int first = Enumerable.Range(0, Math.Min(actualLines.Length, expectedLines.Length)).FirstOrDefault(i => actualLines[i] != expectedLines[i], -1);
        if (first < 0 && actualLines.Length != expectedLines.Length)
        {
            first = Math.Min(actualLines.Length, expectedLines.Length);
        }

        Assert.AreEqual(-1, first, $"docs/activities.md is out of date at line {first + 1}: expected '{expectedLines.ElementAtOrDefault(first)}' but found '{actualLines.ElementAtOrDefault(first)}'. Run with RUNBOOK_WRITE_DOCS=1 to regenerate it.");
        foreach (string type in new[] { "FlipReplication", "RecoverCms", "WaitForDnsConvergence", "StandbyConfigurationMatches", "Approval", "ForEach" })
        {
            StringAssert.Contains(expected, $"### {type} ");
        }
    }

    [TestMethod]
    public async Task DesignerFixture_IsTheCatalogueTheHostServes()
    {
        // The designer's tests and its mocked API (designer/e2e/mock-api.mjs) read this copy of GET /api/activities.
        await using var host = await TestHost.StartAsync();
        var served = JsonNode.Parse(await host.Client("viewer").GetStringAsync("/api/activities"))!;
        string path = Path.Combine(RepositoryRoot(), "designer", "test", "fixtures", "activities.json");
        if (Environment.GetEnvironmentVariable("RUNBOOK_WRITE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var fixture = JsonNode.Parse(await File.ReadAllTextAsync(path))!;

        var servedTypes = served.AsArray().Select(a => a!["type"]!.GetValue<string>()).ToList();
        var fixtureTypes = fixture.AsArray().Select(a => a!["type"]!.GetValue<string>()).ToList();
        CollectionAssert.AreEqual(servedTypes, fixtureTypes, "designer/test/fixtures/activities.json lists other activities; run with RUNBOOK_WRITE_DOCS=1 to capture it again.");
        foreach (var (activity, copy) in served.AsArray().Zip(fixture.AsArray()))
        {
            Assert.IsTrue(JsonNode.DeepEquals(activity, copy), $"designer/test/fixtures/activities.json is out of date for {activity!["type"]}; run with RUNBOOK_WRITE_DOCS=1 to capture it again.");
        }
    }

    [TestMethod]
    public async Task DesignerLabFixture_HasTheFaultAndActionCataloguesTheHostServes()
    {
        // The designer's Lab page tests and its mocked API read this copy of GET /api/lab; its snapshot is a
        // moment of one lab, but its catalogues must be the host's.
        await using var host = await TestHost.StartAsync();
        var served = JsonNode.Parse(await host.Client("viewer").GetStringAsync("/api/lab"))!;
        string path = Path.Combine(RepositoryRoot(), "designer", "test", "fixtures", "lab.json");
        var fixture = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        if (Environment.GetEnvironmentVariable("RUNBOOK_WRITE_DOCS") == "1")
        {
            fixture["faults"] = served["faults"]!.DeepClone();
            fixture["actions"] = served["actions"]!.DeepClone();
            await File.WriteAllTextAsync(path, fixture.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        foreach (string part in new[] { "faults", "actions" })
        {
            Assert.IsTrue(JsonNode.DeepEquals(served[part], fixture[part]), $"designer/test/fixtures/lab.json's {part} are not what GET /api/lab serves; run with RUNBOOK_WRITE_DOCS=1 to capture them again.");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookHost.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }
}
