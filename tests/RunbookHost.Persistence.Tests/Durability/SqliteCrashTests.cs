using System.Globalization;
using Microsoft.Data.Sqlite;
using RunbookHost.Persistence.Runs;
using RunbookHost.Persistence.Sqlite;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// One engine process on a SQLite file, killed with SIGKILL again and again (between commits and
/// inside non-idempotent commands) and restarted over the same file each time.
/// </summary>
[TestClass]
public sealed class SqliteCrashTests
{
    private const int Runs = 12;
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runbook-tests", Guid.NewGuid().ToString("N"));

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task TestHost_KilledAtTwentyFourPoints_CompletesEveryRunWithEachSideEffectOnce()
    {
        var cancellationToken = TestContext.CancellationToken;
        Directory.CreateDirectory(_folder);
        string connectionString = $"Data Source={Path.Combine(_folder, "runbook.db")}";
        string sideEffects = Path.Combine(_folder, "side-effects.log");
        // The same host id every time: a restarted host takes its own leases back at once.
        string[] args =
        [
            "--provider", "Sqlite", "--connection", connectionString, "--side-effects", sideEffects,
            "--host-id", "crash-test-host", "--start", Runs.ToString(CultureInfo.InvariantCulture), "--exit-when-done", "--command-ms", "40",
        ];

        var committed = new HashSet<string>(StringComparer.Ordinal);
        var kills = new List<string>();
        foreach (var point in Schedule())
        {
            await using var host = TestHostProcess.Start($"host start {kills.Count + 1}", args);
            var reached = point.NewMatcher();
            var line = await host.WaitForAsync(l => IsIdle(l) || reached(l), LineTimeout, $"reach the kill point {point}", cancellationToken);
            if (line is null)
            {
                Assert.Fail($"The host exited with code {host.ExitCode} before the kill point {point}.{Environment.NewLine}{host.Diagnostics()}");
            }

            if (IsIdle(line))
            {
                break; // every run finished before this kill point
            }

            await host.KillAsync();
            await host.DrainAsync(LineTimeout, cancellationToken);
            committed.UnionWith(host.Lines.Where(l => l.IsCommit).Select(l => $"{l.Fields[1]} {l.Fields[2]}"));
            kills.Add($"{point} (record {committed.Count})");
        }

        await using (var last = TestHostProcess.Start("final host", args))
        {
            await last.ExpectAsync(IsIdle, LineTimeout, "finish every run", cancellationToken);
            Assert.AreEqual(0, await last.WaitForExitAsync(LineTimeout, cancellationToken), last.Diagnostics());
        }

        await using var database = new SqliteDatabase(connectionString);
        var report = await DurabilityChecks.AssertEveryRunCompletedExactlyOnceAsync(new SqlRunStore(database), sideEffects, Runs, cancellationToken);
        TestContext.WriteLine($"Kill points tried: {kills.Count}; runs lost: {Runs - report.Runs}; duplicate side effects: {report.Duplicates}. {report}.");
        TestContext.WriteLine("Killed " + string.Join(", ", kills));
        Assert.IsGreaterThanOrEqualTo(20, kills.Count, "The runs finished before 20 kill points were tried: " + string.Join(", ", kills));
        Assert.IsGreaterThan(0, report.ReconciledDone, $"No kill landed after a command's write. {report}");
        Assert.IsGreaterThan(0, report.ReconciledNotDone, $"No kill landed before a command's write. {report}");
    }

    private static bool IsIdle(HostLine line) => line.Text.StartsWith("IDLE ", StringComparison.Ordinal);

    /// <summary>
    /// 24 kill points. Each counts from its host's start, so they move through the whole execution
    /// (twelve runs, plus the recovery records the kills cause). The commit counts stay small so that
    /// every point is reached before the runs end.
    /// </summary>
    private static IEnumerable<KillPoint> Schedule()
    {
        int[] commits = [1, 2, 3, 4, 6, 8, 10, 12];
        for (int i = 0; i < commits.Length; i++)
        {
            yield return KillPoint.AfterCommits(commits[i]);
            yield return KillPoint.BeforeWrite(1 + (i % 3));
            yield return KillPoint.AfterWrite(1 + (i % 2));
        }
    }
}
