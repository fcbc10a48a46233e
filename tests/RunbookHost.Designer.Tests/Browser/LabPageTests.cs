using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunbookHost.Designer.Tests.Support;

namespace RunbookHost.Designer.Tests.Browser;

/// <summary>
/// designer/e2e/lab.mjs in headless Chromium against the real host: an admin injects DnsServerStale
/// from the Lab page's catalogue and clears it; an operator, offered no inject form and no reset, sees an
/// operator action refused with the host's reason and restores suspended replication with another; the
/// host's audit trail and lab agree.
/// </summary>
[TestClass]
public sealed partial class LabPageTests
{
    private const string Fault = "DnsServerStale";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task LabPage_AdminInjectsAndClearsAFaultThenOperatorPerformsActions_HostRecordsWhoDidWhatAndEndsWithNoFault()
    {
        Node.RequireChromium();
        await Node.EnsurePackagesAsync(TestContext.CancellationToken);
        await using var host = DesignerHost.Start();
        string artifacts = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), "designer-lab-" + Guid.NewGuid().ToString("N")[..8]);

        var result = await Node.RunAsync("node", ["e2e/lab.mjs"], new Dictionary<string, string>
        {
            ["RUNBOOK_URL"] = host.Url,
            ["RUNBOOK_KEY_ADMIN"] = DesignerHost.AdminKey,
            ["RUNBOOK_KEY_OPERATOR"] = DesignerHost.OperatorKey,
            ["RUNBOOK_E2E_ARTIFACTS"] = artifacts,
            ["RUNBOOK_CHROMIUM"] = Node.Chromium()!,
        }, TimeSpan.FromSeconds(60), TestContext.CancellationToken);

        TestContext.WriteLine(result.Output);
        var screenshots = Directory.Exists(artifacts) ? Directory.GetFiles(artifacts, "*.png") : [];
        foreach (string file in screenshots)
        {
            TestContext.AddResultFile(file);
        }

        Assert.AreEqual(0, result.ExitCode, $"lab.mjs failed; screenshots: {string.Join(", ", screenshots)}\n{result.Output}");
        Assert.IsTrue(PassLine().IsMatch(result.StandardError), $"lab.mjs did not report PASS:\n{result.Output}");

        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DesignerHost.AdminKey);
        var audit = await client.GetFromJsonAsync<JsonArray>("/api/audit", TestContext.CancellationToken);
        var faultEvents = audit!.OfType<JsonObject>()
            .Where(e => (string?)e["target"] == Fault)
            .Reverse() // the trail lists the newest first
            .Select(e => $"{(string?)e["action"]} by {(string?)e["actor"]}: {(string?)e["detail"]}")
            .ToList();
        var lab = await client.GetFromJsonAsync<JsonObject>("/api/lab", TestContext.CancellationToken);
        var active = lab!["snapshot"]!["faults"]!.AsArray();

        CollectionAssert.AreEqual(new[] { "LabFaultInjected by ada: server=10.1.0.10", "LabFaultCleared by ada: 1 cleared" }, faultEvents, string.Join("\n", faultEvents));
        var actionEvents = audit!.OfType<JsonObject>().Where(e => (string?)e["action"] == "LabActionPerformed").Select(e => $"{(string?)e["target"]} by {(string?)e["actor"]}").ToList();
        CollectionAssert.AreEqual(new[] { "RestoreReplication by olivia" }, actionEvents, "the refused action is not in the trail; the one the operator performed is");
        Assert.IsEmpty(active, active.ToJsonString());
    }

    [GeneratedRegex(@"PASS lab")]
    private static partial Regex PassLine();
}
