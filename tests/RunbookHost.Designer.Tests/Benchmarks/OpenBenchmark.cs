using System.Text.RegularExpressions;
using RunbookHost.Designer.Tests.Support;

namespace RunbookHost.Designer.Tests.Benchmarks;

/// <summary>
/// Not a test but a measurement (RUNBOOK_BENCH=1): designer/e2e/bench-open-200.mjs against the real
/// host; prints <c>RESULT designer.open_200_ms &lt;v&gt; ms</c> (the median of several opens).
/// </summary>
[TestClass]
[TestCategory("Benchmark")]
public sealed partial class OpenBenchmark
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Open200_RealHost_PrintsMedianTimeToInteractive()
    {
        if (Environment.GetEnvironmentVariable("RUNBOOK_BENCH") != "1")
        {
            Assert.Inconclusive("A benchmark, not a test: set RUNBOOK_BENCH=1 to run it.");
        }

        Node.RequireChromium();
        await Node.EnsurePackagesAsync(TestContext.CancellationToken);
        await using var host = DesignerHost.Start();

        var result = await Node.RunAsync("node", ["e2e/bench-open-200.mjs"], new Dictionary<string, string>
        {
            ["RUNBOOK_URL"] = host.Url,
            ["RUNBOOK_KEY_ADMIN"] = DesignerHost.AdminKey,
            ["RUNBOOK_BENCH_RUNS"] = Environment.GetEnvironmentVariable("RUNBOOK_BENCH_RUNS") ?? "7",
            ["RUNBOOK_CHROMIUM"] = Node.Chromium()!,
        }, TimeSpan.FromSeconds(150), TestContext.CancellationToken);

        TestContext.WriteLine(result.Output);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        var lines = ResultLine().Matches(result.StandardOutput);
        Assert.IsTrue(lines.Any(l => l.Value.StartsWith("RESULT designer.open_200_ms ", StringComparison.Ordinal)), $"no RESULT line:\n{result.Output}");
        foreach (Match line in lines)
        {
            Console.WriteLine(line.Value);
        }
    }

    [GeneratedRegex(@"RESULT designer\.open_200\w* \d+ ms")]
    private static partial Regex ResultLine();
}
