using System.Text.RegularExpressions;
using RunbookHost.Designer.Tests.Support;

namespace RunbookHost.Designer.Tests.Unit;

/// <summary>The designer's own unit tests (vitest: graph mapping, validation paths, layout, clipboard, undo).</summary>
[TestClass]
public sealed partial class VitestTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task NpmTest_DesignerUnitTests_AllPass()
    {
        Node.RequireNode();
        await Node.EnsurePackagesAsync(TestContext.CancellationToken);

        var result = await Node.RunAsync("npm", ["test", "--", "--run"], new Dictionary<string, string>(), TimeSpan.FromMinutes(3), TestContext.CancellationToken);

        string output = Ansi().Replace(result.Output, string.Empty);
        var files = FilesLine().Match(output);
        var tests = TestsLine().Match(output);
        TestContext.WriteLine(files.Success && tests.Success ? $"vitest: {files.Groups[1].Value.Trim()} test files, {tests.Groups[1].Value.Trim()} tests" : "vitest: counts not found in the output");
        Assert.AreEqual(0, result.ExitCode, $"npm test failed in designer/:\n{output}");
        Assert.IsTrue(tests.Success, $"vitest printed no test count:\n{output}");
        Assert.DoesNotContain("failed", tests.Groups[1].Value, output);
        Assert.IsGreaterThan(0, int.Parse(PassedCount().Match(tests.Groups[1].Value).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), output);
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^\s*Test Files\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex FilesLine();

    [GeneratedRegex(@"^\s*Tests\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex TestsLine();

    [GeneratedRegex(@"(\d+) passed")]
    private static partial Regex PassedCount();
}
