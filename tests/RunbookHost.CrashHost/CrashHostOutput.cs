namespace RunbookHost.CrashHost;

/// <summary>
/// The lines the crash tests read from stdout, one event per line. Console.Out is synchronised and
/// flushes every write, so a line is in the pipe before the host goes on (or dies).
/// </summary>
internal static class CrashHostOutput
{
    /// <summary>The host is up: schema migrated, workflows imported, runner started, listening.</summary>
    public static void Ready(string urls) => Console.Out.WriteLine($"READY {urls}");

    /// <summary>One transaction of a run committed the journal records <paramref name="firstSeq"/> to <paramref name="lastSeq"/>, of these kinds.</summary>
    public static void Commit(string runId, long firstSeq, long lastSeq, IEnumerable<string> kinds) =>
        Console.Out.WriteLine($"COMMIT {runId} {firstSeq} {lastSeq} {string.Join(',', kinds.Distinct())}");

    /// <summary>The switch waits for its target in the next run started.</summary>
    public static void Armed(KillTarget target) => Console.Out.WriteLine($"ARMED {target}");

    /// <summary>The target was reached: SIGKILL follows at once.</summary>
    public static void Killing(KillTarget target, string? runId) => Console.Out.WriteLine($"KILL {runId ?? "-"} {target}");

    public static void Error(string message) => Console.Out.WriteLine($"ERROR {message}");
}
