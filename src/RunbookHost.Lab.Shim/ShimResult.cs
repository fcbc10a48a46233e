using RunbookHost.Exchange.Commands;
using RunbookHost.Lab.Simulation;

namespace RunbookHost.Lab.Shim;

/// <summary>What the emulated tool prints and exits with, and the lab records of what it did (kept in the state's recent commands).</summary>
internal sealed record ShimResult(int ExitCode, string StandardOutput, string StandardError, IReadOnlyList<CommandRecord> Records)
{
    /// <summary>The shim itself was called wrongly (no state file, unknown tool or arguments).</summary>
    public const int UsageExitCode = 87;

    public static ShimResult Out(string text, IReadOnlyList<CommandRecord>? records = null) => new(0, Line(text), string.Empty, records ?? []);

    public static ShimResult Error(int exitCode, string text, IReadOnlyList<CommandRecord>? records = null) => new(exitCode, string.Empty, Line(text), records ?? []);

    /// <summary>
    /// The rule's own output as the tool prints it (every command's, when the rule ran several), exit
    /// code the last command's: to stdout, or to stderr when <paramref name="errorsToStandardError"/> and it failed.
    /// </summary>
    public static ShimResult Of<T>(LabOutcome<T> outcome, bool errorsToStandardError = false)
    {
        string text = string.Join("\n", outcome.Records.Select(r => r.OutputExcerpt));
        return outcome.Failed && errorsToStandardError
            ? Error(outcome.Record.ExitCode, text, outcome.Records)
            : new(outcome.Record.ExitCode, Line(text), string.Empty, outcome.Records);
    }

    private static string Line(string text) => text.Length == 0 || text.EndsWith('\n') ? text : text + "\n";
}

/// <summary>The shim was called in a way no real tool call looks like.</summary>
internal sealed class ShimException(string message) : Exception(message);
