using System.Text.RegularExpressions;
using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Setup;

/// <summary>What ExchangeSetup.log says: how many runs it holds and how the last one ended.</summary>
/// <param name="Runs">The number of "Starting Microsoft Exchange 2007 Setup" lines.</param>
/// <param name="Result">The verdict on the last run (failed when there is none).</param>
internal sealed record SetupLogVerdict(int Runs, SetupResult Result);

/// <summary>
/// Judges a setup run from ExchangeSetup.log. Setup appends every run to the same file, so only the
/// lines from the last "Starting Microsoft Exchange 2007 Setup" count. A run succeeded when it says
/// "The Microsoft Exchange Server setup operation completed successfully" and has no [ERROR] line,
/// "Setup is halting" or "The Exchange Server Setup operation did not complete".
/// </summary>
internal static partial class SetupLogParser
{
    public static SetupLogVerdict Parse(string log)
    {
        var lines = OutputExcerpt.SplitLines(log).ToList();
        int runs = 0;
        int start = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            if (StartOfRun().IsMatch(lines[i]))
            {
                runs++;
                start = i;
            }
        }

        if (start < 0)
        {
            return new SetupLogVerdict(0, new SetupResult(false, ["ExchangeSetup.log holds no setup run ('Starting Microsoft Exchange 2007 Setup' not found)."], string.Empty));
        }

        var run = lines.Skip(start).ToList();
        var errors = run.Where(IsFailure).Select(Message).Distinct(StringComparer.Ordinal).ToList();
        bool success = run.Any(l => l.Contains("The Microsoft Exchange Server setup operation completed successfully", StringComparison.OrdinalIgnoreCase));
        bool ended = run.Any(l => EndOfRun().IsMatch(l));
        if (errors.Count == 0 && !success)
        {
            errors.Add(ended
                ? "Setup ended without reporting success."
                : "ExchangeSetup.log ends without 'End of Setup': setup was stopped or is still running.");
        }

        return new SetupLogVerdict(runs, new SetupResult(success && errors.Count == 0, errors, OutputExcerpt.Cut(run, 40, 40)));
    }

    private static bool IsFailure(string line) =>
        line.Contains("[ERROR]", StringComparison.OrdinalIgnoreCase)
        || line.Contains("Setup is halting", StringComparison.OrdinalIgnoreCase)
        || line.Contains("The Exchange Server Setup operation did not complete", StringComparison.OrdinalIgnoreCase);

    /// <summary>The line without its "[timestamp] [level]" prefix.</summary>
    private static string Message(string line) => Prefix().Replace(line, string.Empty).Trim();

    [GeneratedRegex(@"Starting Microsoft Exchange (?:Server )?2007 Setup", RegexOptions.IgnoreCase)]
    private static partial Regex StartOfRun();

    [GeneratedRegex(@"\[\d+\]\s*End of Setup", RegexOptions.IgnoreCase)]
    private static partial Regex EndOfRun();

    [GeneratedRegex(@"^\s*\[[^\]]*\]\s*\[\d+\]\s*")]
    private static partial Regex Prefix();
}
