using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using RunbookHost.Workflows.Journal;

namespace RunbookHost.CrashHost;

/// <summary>
/// Where the switch kills the host: right after the commit holding the n-th journal record of a
/// kind (of one activity) in the run, or right after the n-th report of a command line by a port,
/// i.e. once the command has taken effect but before the activity's result is committed.
/// </summary>
internal sealed record KillTarget(string? Kind, string? ActivityId, string? CommandLine, int Occurrence)
{
    public const string Syntax = "record <kind> <activityId|-> <n> | command <n> <command line>";

    public bool Matches(JournalRecord record) =>
        Kind is not null && record.Kind == Kind && (ActivityId is null || record.ActivityId == ActivityId);

    public bool Matches(string commandLine) => CommandLine is not null && commandLine == CommandLine;

    public static bool TryParse(string text, [NotNullWhen(true)] out KillTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        string[] words = text.Split(' ', 4);
        if (words is ["record", var kind, var activity, var n] && ParseOccurrence(n) is int k)
        {
            target = new KillTarget(kind, activity == "-" ? null : activity, null, k);
        }
        else if (text.Split(' ', 3) is ["command", var count, var line] && ParseOccurrence(count) is int c && line.Length > 0)
        {
            target = new KillTarget(null, null, line, c);
        }

        error = target is null ? $"Bad kill target '{text}'; expected {Syntax}." : null;
        return target is not null;
    }

    public override string ToString() =>
        CommandLine is null
            ? $"record {Kind} {ActivityId ?? "-"} {Occurrence.ToString(CultureInfo.InvariantCulture)}"
            : $"command {Occurrence.ToString(CultureInfo.InvariantCulture)} {CommandLine}";

    private static int? ParseOccurrence(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;
}
