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
        Assert.AreEqual(expected, (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n").Replace("\r", string.Empty, StringComparison.Ordinal), "docs/activities.md is out of date; run with RUNBOOK_WRITE_DOCS=1 to regenerate it.");
        foreach (string type in new[] { "FlipReplication", "RecoverCms", "WaitForDnsConvergence", "StandbyConfigurationMatches", "Approval", "ForEach" })
        {
            StringAssert.Contains(expected, $"### {type} ");
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
