using RunbookHost.Exchange.Commands;

namespace RunbookHost.Lab.Simulation;

/// <summary>What one simulated command did: the records a real operator would see, its value, or the error the real tool printed.</summary>
/// <param name="Records">Every command run, in order; the last one is the command the error (if any) belongs to.</param>
/// <param name="Value">The port's return value.</param>
/// <param name="Error">The real tool's error text when the command failed.</param>
internal sealed record LabOutcome<T>(IReadOnlyList<CommandRecord> Records, T? Value, string? Error)
{
    public CommandRecord Record => Records[^1];

    /// <summary>The simulated time all the commands took together.</summary>
    public TimeSpan Duration => Records.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration);

    public bool Failed => Error is not null;
}

/// <summary>Builds the record of one command: where it ran and its exact command line.</summary>
internal sealed record LabCommand(string Target, string CommandLine)
{
    public LabOutcome<T> Ok<T>(T value, string output, TimeSpan duration) =>
        new([Record(0, output, duration)], value, null);

    public LabOutcome<T> Fail<T>(int exitCode, string output, TimeSpan duration, string? error = null) =>
        new([Record(exitCode, output, duration)], default, error ?? FirstLine(output));

    public CommandRecord Record(int exitCode, string output, TimeSpan duration) =>
        new(Target, CommandLine, exitCode, Excerpt(output), duration);

    /// <summary>The start and end of the output, as drivers keep it.</summary>
    internal static string Excerpt(string output)
    {
        const int Limit = 4000;
        string text = output.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        return text.Length <= Limit ? text : string.Concat(text.AsSpan(0, Limit / 2), "\n...\n", text.AsSpan(text.Length - (Limit / 2)));
    }

    /// <summary>The first two lines: "System error N has occurred (0x...)." and the system message.</summary>
    private static string FirstLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } lines
            ? string.Join(' ', lines.Take(2))
            : "The command failed.";
}

/// <summary>Combines outcomes: several commands that make one port call (e.g. swap then establish).</summary>
internal static class LabOutcomes
{
    public static LabOutcome<T> Then<T>(this LabOutcome<T> first, LabOutcome<T> second) =>
        new([.. first.Records, .. second.Records], second.Value, second.Error);

    public static LabOutcome<TNew> As<T, TNew>(this LabOutcome<T> outcome, TNew? value) =>
        new(outcome.Records, value, outcome.Error);
}
