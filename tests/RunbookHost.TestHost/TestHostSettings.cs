using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RunbookHost.TestHost;

/// <summary>What this engine process was asked to do, from its command line.</summary>
internal sealed record TestHostSettings
{
    public const string Usage = """
        usage: RunbookHost.TestHost --side-effects <file> [options]
          --provider Sqlite|PostgreSql   database engine (or Runbook__Database__Provider)
          --connection <string>          connection string (or Runbook__Database__ConnectionString)
          --side-effects <file>          where the side-effect activity appends "<runId> <path>"
          --host-id <id>                 this host's lease owner name (reuse it to restart "the same host")
          --start <n>                    start runs of the built-in workflow until n exist
          --exit-when-done               print IDLE and exit once every run has finished
          --lease-ms <ms>                lease duration (2000)
          --poll-ms <ms>                 runner poll interval (50)
          --max-runs <n>                 runs executed at once (16)
          --command-ms <ms>              how long a side-effect command takes before and after its write (10)
          --reconcile true|false         false: reconciliation answers NotDone without looking (to prove the tests can fail)
          --log-level <level>            stderr log level (Warning)
        """;

    /// <summary>Configuration for <c>AddRunbookPersistence</c>, from the options given.</summary>
    public Dictionary<string, string?> Database { get; } = new(StringComparer.Ordinal);

    public required string SideEffectFile { get; init; }

    public string HostId { get; init; } = $"testhost-{Environment.ProcessId}";

    public int Start { get; init; }

    public bool ExitWhenDone { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public int MaxConcurrentRuns { get; init; } = 16;

    public TimeSpan CommandDuration { get; init; } = TimeSpan.FromMilliseconds(10);

    public bool Reconcile { get; init; } = true;

    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out TestHostSettings? settings, [NotNullWhen(false)] out string? error)
    {
        settings = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"Unexpected argument '{args[i]}'.";
                return false;
            }

            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        try
        {
            settings = new TestHostSettings
            {
                SideEffectFile = Take(values, "side-effects") ?? throw new FormatException("--side-effects is required."),
                HostId = Take(values, "host-id") ?? $"testhost-{Environment.ProcessId}",
                Start = Number(Take(values, "start"), 0),
                ExitWhenDone = bool.Parse(Take(values, "exit-when-done") ?? "false"),
                LeaseDuration = TimeSpan.FromMilliseconds(Number(Take(values, "lease-ms"), 2000)),
                PollInterval = TimeSpan.FromMilliseconds(Number(Take(values, "poll-ms"), 50)),
                MaxConcurrentRuns = Number(Take(values, "max-runs"), 16),
                CommandDuration = TimeSpan.FromMilliseconds(Number(Take(values, "command-ms"), 10)),
                Reconcile = bool.Parse(Take(values, "reconcile") ?? "true"),
                LogLevel = Enum.Parse<LogLevel>(Take(values, "log-level") ?? nameof(LogLevel.Warning), ignoreCase: true),
            };
            if (Take(values, "provider") is { } provider)
            {
                settings.Database["Runbook:Database:Provider"] = provider;
            }

            if (Take(values, "connection") is { } connection)
            {
                settings.Database["Runbook:Database:ConnectionString"] = connection;
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            settings = null;
            error = ex.Message;
            return false;
        }

        if (values.Count > 0)
        {
            settings = null;
            error = $"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.";
            return false;
        }

        error = null;
        return true;
    }

    private static string? Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out string? value) ? value : null;

    private static int Number(string? text, int fallback) =>
        text is null ? fallback : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
