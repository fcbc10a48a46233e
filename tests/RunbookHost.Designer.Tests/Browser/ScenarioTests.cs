using System.Text.RegularExpressions;
using RunbookHost.Designer.Tests.Support;

namespace RunbookHost.Designer.Tests.Browser;

/// <summary>
/// designer/e2e/scenario.mjs in headless Chromium against the real host: edit activation in the
/// designer, publish it, run it in the lab with a second user approving, and open the report.
/// </summary>
[TestClass]
public sealed partial class ScenarioTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Scenario_EditPublishRunApproveReport_RunCompletes()
    {
        Node.RequireChromium();
        await Node.EnsurePackagesAsync(TestContext.CancellationToken);
        await using var host = DesignerHost.Start();
        await LabApi.InjectFaultAsync(host, "SiteIsolated", ("site", "primary"));
        string artifacts = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), "designer-scenario-" + Guid.NewGuid().ToString("N")[..8]);

        var result = await Node.RunAsync("node", ["e2e/scenario.mjs"], new Dictionary<string, string>
        {
            ["RUNBOOK_URL"] = host.Url,
            ["RUNBOOK_KEY_ADMIN"] = DesignerHost.AdminKey,
            ["RUNBOOK_KEY_APPROVER"] = DesignerHost.ApproverKey,
            ["RUNBOOK_E2E_ARTIFACTS"] = artifacts,
            ["RUNBOOK_E2E_TIMEOUT_S"] = "90",
            ["RUNBOOK_CHROMIUM"] = Node.Chromium()!,
        }, TimeSpan.FromSeconds(150), TestContext.CancellationToken);

        TestContext.WriteLine(result.Output);
        var screenshots = Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "*.png") : [];
        foreach (string file in screenshots)
        {
            TestContext.AddResultFile(file);
        }

        Assert.AreEqual(0, result.ExitCode, $"scenario.mjs failed; screenshots: {string.Join(", ", screenshots)}\n{result.Output}");
        Assert.IsTrue(PassLine().IsMatch(result.StandardError), $"scenario.mjs did not report PASS:\n{result.Output}");
    }

    [GeneratedRegex(@"PASS scenario")]
    private static partial Regex PassLine();
}
