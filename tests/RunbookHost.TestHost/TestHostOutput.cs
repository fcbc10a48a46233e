namespace RunbookHost.TestHost;

/// <summary>
/// The lines the tests read from stdout, one event per line. Console.Out is synchronised and
/// flushes every write, so a line is in the pipe before the engine moves on.
/// </summary>
internal static class TestHostOutput
{
    /// <summary>The host is up: schema migrated, runs seeded, runner started.</summary>
    public static void Ready(string hostId) => Console.Out.WriteLine($"READY {hostId}");

    /// <summary>This many runs of the built-in workflow exist.</summary>
    public static void Seeded(int runs) => Console.Out.WriteLine($"SEEDED {runs}");

    /// <summary>
    /// A journal record committed; the intent record of a side-effecting activity ends with
    /// <c>intent:Idempotent</c> or <c>intent:NonIdempotent</c>.
    /// </summary>
    public static void Commit(string runId, long seq, string kind, string? activityId, string? intent) =>
        Console.Out.WriteLine($"COMMIT {runId} {seq} {kind} {activityId ?? "-"}{(intent is null ? string.Empty : " intent:" + intent)}");

    /// <summary>A side effect is on disk (written and fsynced) but its activity has not returned yet.</summary>
    public static void Effect(string line) => Console.Out.WriteLine($"EFFECT {line}");

    /// <summary>Every run in the database has finished.</summary>
    public static void Idle(int runs) => Console.Out.WriteLine($"IDLE {runs}");
}
