using RunbookHost.Persistence.Tests.Support;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// A host that freezes inside a non-idempotent command for longer than its lease (a long GC pause,
/// a stalled VM, a lost network) must not lead to the command running twice when another host
/// adopts the run and the frozen one wakes up.
/// </summary>
[TestClass]
public sealed class PostgreSqlFrozenHostTests
{
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
    public async Task TestHost_FrozenPastItsLeaseInsideCommand_CommandRunsOnce()
    {
        var cancellationToken = TestContext.CancellationToken;
        await using var database = await PostgreSqlTestDatabase.CreateAsync(cancellationToken);
        Directory.CreateDirectory(_folder);
        string sideEffects = Path.Combine(_folder, "side-effects.log");
        var environment = database.HostEnvironment;
        string[] Args(string hostId, params string[] more) =>
            ["--side-effects", sideEffects, "--host-id", hostId, "--exit-when-done", "--lease-ms", "2000", .. more];

        // host-b freezes inside its run's last command (nothing else is in flight then), before the command's write.
        const string activityId = "finish";
        await using var frozen = TestHostProcess.Start("host-b", Args("host-b", "--start", "1", "--command-ms", "300"), environment);
        var intent = await frozen.ExpectAsync(
            l => l.IsCommit && l.Fields[4] == activityId && l.Text.EndsWith(" intent:NonIdempotent", StringComparison.Ordinal),
            LineTimeout, $"start {activityId}", cancellationToken);
        await frozen.SignalAsync("STOP");
        string runId = intent.Fields[1];

        // host-c adopts the run once host-b's lease has expired, and reconciles the interrupted command.
        await using var adopter = TestHostProcess.Start("host-c", Args("host-c"), environment);
        await adopter.ExpectAsync(
            l => l.IsCommit && l.Fields[1] == runId && l.Fields[3] == "ActivityReconciled" && l.Fields[4] == activityId,
            LineTimeout, $"reconcile {activityId}", cancellationToken);
        await adopter.ExpectAsync(l => l.Text.StartsWith($"EFFECT {runId} ", StringComparison.Ordinal), LineTimeout, $"run {activityId} again", cancellationToken);

        // host-b wakes up in the middle of its command.
        await frozen.SignalAsync("CONT");
        await adopter.ExpectAsync(l => l.Text.StartsWith("IDLE ", StringComparison.Ordinal), LineTimeout, "finish the run", cancellationToken);
        await frozen.WaitForExitAsync(LineTimeout, cancellationToken);

        await DurabilityChecks.AssertEveryRunCompletedExactlyOnceAsync(database.CreateRunStore(), sideEffects, 1, cancellationToken);
    }
}
