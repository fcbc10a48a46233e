using System.Diagnostics;
using System.Globalization;
using Dapper;
using RunbookHost.Persistence.Tests.Support;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// Three engine processes on one PostgreSQL schema share runs through leases: one of them is killed
/// with SIGKILL mid-way and the two survivors adopt its runs once its leases expire; or one is killed
/// again and again, each time restarted as a new host, while 100 runs proceed.
/// </summary>
[TestClass]
public sealed class PostgreSqlSeveralHostsTests
{
    private const int Runs = 50;
    private const int VictimCommits = 40;
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "runbook-tests", Guid.NewGuid().ToString("N"));

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task TestHosts_OneOfThreeKilled_SurvivorsAdoptItsRunsAndEachSideEffectHappensOnce()
    {
        var cancellationToken = TestContext.CancellationToken;
        await using var database = await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
        Directory.CreateDirectory(_folder);
        string sideEffects = Path.Combine(_folder, "side-effects.log");
        var environment = database.HostEnvironment;
        string[] Args(string hostId, params string[] more) =>
            ["--side-effects", sideEffects, "--host-id", hostId, "--exit-when-done", "--max-runs", "8", "--lease-ms", "2000", .. more];

        // One at a time, so that they do not race to publish the workflow; the last one starts the runs.
        // host-b's commands are slow, so that the kill after one's write lands before its result is committed.
        await using var victim = await StartAsync("host-b", Args("host-b", "--command-ms", "300"), environment, cancellationToken);
        await using var survivor = await StartAsync("host-c", Args("host-c"), environment, cancellationToken);
        await using var seeder = await StartAsync("host-a", Args("host-a", "--start", Runs.ToString(CultureInfo.InvariantCulture)), environment, cancellationToken);

        // Mid-way, and inside a command: its write is on disk, its result not yet committed.
        await victim.ExpectAsync(KillPoint.AfterCommits(VictimCommits).NewMatcher(), LineTimeout, $"commit {VictimCommits} journal records", cancellationToken);
        await victim.ExpectAsync(KillPoint.AfterWrite(1).NewMatcher(), LineTimeout, "run a command", cancellationToken);
        await victim.KillAsync();
        long killedAt = Stopwatch.GetTimestamp();
        var leased = await UnfinishedRunsLeasedByAsync(database, "host-b", cancellationToken);
        await victim.DrainAsync(LineTimeout, cancellationToken);

        foreach (var host in new[] { seeder, survivor })
        {
            await host.ExpectAsync(l => l.Text.StartsWith("IDLE ", StringComparison.Ordinal), LineTimeout, "see every run finish", cancellationToken);
            Assert.AreEqual(0, await host.WaitForExitAsync(LineTimeout, cancellationToken), host.Diagnostics());
        }

        var report = await DurabilityChecks.AssertEveryRunCompletedExactlyOnceAsync(database.CreateRunStore(), sideEffects, Runs, cancellationToken);
        var touched = victim.Lines.Where(l => l.IsCommit).Select(l => l.CommitRunId!).ToHashSet(StringComparer.Ordinal);
        var continuedBySurvivors = seeder.Lines.Concat(survivor.Lines)
            .Where(l => l.IsCommit && l.At > killedAt)
            .Select(l => l.CommitRunId!)
            .ToHashSet(StringComparer.Ordinal);
        var adopted = leased.Where(continuedBySurvivors.Contains).ToList();
        TestContext.WriteLine(
            $"host-b was killed after {victim.Lines.Count(l => l.IsCommit)} journal records on {touched.Count} run(s); it held the lease of "
            + $"{leased.Count} unfinished run(s), of which the survivors adopted {adopted.Count}. Runs lost: {Runs - report.Runs}; duplicate side effects: {report.Duplicates}. {report}.");
        Assert.IsGreaterThan(0, leased.Count, "host-b held no lease when it was killed, so nothing had to be adopted.");
        Assert.IsGreaterThan(0, report.ReconciledDone, $"No survivor found a command of host-b done but unrecorded. {report}");
        CollectionAssert.AreEquivalent(leased, adopted, "Every run host-b held must be continued by a survivor.");
    }

    [TestMethod]
    public async Task TestHosts_OneOfThreeKilledRepeatedly_HundredRunsCompleteExactlyOnce()
    {
        const int manyRuns = 100;
        var cancellationToken = TestContext.CancellationToken;
        await using var database = await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
        Directory.CreateDirectory(_folder);
        string sideEffects = Path.Combine(_folder, "side-effects.log");
        var environment = database.HostEnvironment;
        // Commands of 300 ms and four runs per host at a time: the 100 runs take about half a minute, most of it
        // waiting in commands, while each kill and restart of the victim takes a second or two.
        string[] Args(string hostId, params string[] more) =>
            ["--side-effects", sideEffects, "--host-id", hostId, "--exit-when-done", "--max-runs", "4", "--lease-ms", "2000", "--command-ms", "300", .. more];

        await using var first = await StartAsync("host-b", Args("host-b"), environment, cancellationToken);
        await using var survivor = await StartAsync("host-c", Args("host-c"), environment, cancellationToken);
        await using var seeder = await StartAsync("host-a", Args("host-a", "--start", manyRuns.ToString(CultureInfo.InvariantCulture)), environment, cancellationToken);

        // The victim is killed at each point in turn (counted from its own start) and comes back as a new host each time,
        // so its runs are adopted by whichever host finds their leases expired first.
        KillPoint[] schedule = [KillPoint.AfterCommits(12), KillPoint.BeforeWrite(1), KillPoint.AfterWrite(1), KillPoint.AfterCommits(6), KillPoint.AfterWrite(2)];
        var victims = new List<TestHostProcess> { first };
        long started = Stopwatch.GetTimestamp();
        var finished = TimeSpan.Zero;
        var kills = new List<string>();
        try
        {
            foreach (var point in schedule)
            {
                var victim = victims[^1];
                await victim.ExpectAsync(point.NewMatcher(), LineTimeout, $"reach {point}", cancellationToken);
                await victim.KillAsync();
                await victim.DrainAsync(LineTimeout, cancellationToken);
                kills.Add($"{victim.Name} {point} at {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
                string next = $"host-b{victims.Count + 1}";
                victims.Add(await StartAsync(next, Args(next), environment, cancellationToken));
            }

            foreach (var host in new[] { seeder, survivor, victims[^1] })
            {
                await host.ExpectAsync(l => l.Text.StartsWith("IDLE ", StringComparison.Ordinal), LineTimeout, "see every run finish", cancellationToken);
                Assert.AreEqual(0, await host.WaitForExitAsync(LineTimeout, cancellationToken), host.Diagnostics());
            }

            finished = Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            foreach (var victim in victims.Skip(1))
            {
                await victim.DisposeAsync();
            }
        }

        var report = await DurabilityChecks.AssertEveryRunCompletedExactlyOnceAsync(database.CreateRunStore(), sideEffects, manyRuns, cancellationToken);
        TestContext.WriteLine($"Three hosts, {manyRuns} runs; one host killed {kills.Count} times and restarted as a new host each time. "
            + $"Runs completed: {report.Runs}/{manyRuns}; runs lost: {manyRuns - report.Runs}; duplicate side effects: {report.Duplicates}. {report}.");
        TestContext.WriteLine($"Killed {string.Join(", ", kills)}; every run finished at {finished.TotalSeconds:0.0} s.");
        Assert.HasCount(schedule.Length, kills);
        Assert.IsGreaterThan(0, report.ReconciledDone, $"No kill landed after a command's write. {report}");
        Assert.IsGreaterThan(0, report.ReconciledNotDone, $"No kill landed before a command's write. {report}");
    }

    private static async Task<TestHostProcess> StartAsync(string name, string[] args, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var host = TestHostProcess.Start(name, args, environment);
        await host.ExpectAsync(l => l.Text.StartsWith("READY ", StringComparison.Ordinal), LineTimeout, "start", cancellationToken);
        return host;
    }

    private static async Task<List<string>> UnfinishedRunsLeasedByAsync(PostgreSqlTestDatabase database, string hostId, CancellationToken cancellationToken)
    {
        var sql = database.Open();
        await using var session = await sql.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var ids = await connection.QueryAsync<string>(sql.Command(
            "SELECT run_id FROM runs WHERE lease_owner = @Owner AND finished_at IS NULL", new { Owner = hostId }, null, cancellationToken));
        return ids.ToList();
    }
}
