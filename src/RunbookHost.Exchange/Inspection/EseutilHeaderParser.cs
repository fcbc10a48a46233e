using System.Text.RegularExpressions;

namespace RunbookHost.Exchange.Inspection;

/// <summary>
/// Parses <c>eseutil /mh</c>: the <c>State: Clean Shutdown|Dirty Shutdown</c> field and
/// <c>Log Required: 12-14 (0xc-0xe)</c> (<c>0-0</c> when no log is needed).
/// </summary>
internal static partial class EseutilHeaderParser
{
    public static DatabaseHeader Parse(string edbPath, string output)
    {
        var state = State().Match(output);
        if (!state.Success)
        {
            throw new FormatException($"eseutil /mh \"{edbPath}\" printed no 'State:' field.");
        }

        var shutdown = state.Groups["state"].Value.Trim().ToLowerInvariant() switch
        {
            "clean shutdown" => DatabaseShutdownState.CleanShutdown,
            "dirty shutdown" => DatabaseShutdownState.DirtyShutdown,
            var other => throw new FormatException($"eseutil /mh \"{edbPath}\" reported an unknown state '{other}'."),
        };

        var required = LogRequired().Match(output);
        string? logs = required.Success && required.Groups["range"].Value != "0-0" ? required.Groups["range"].Value : null;
        return new DatabaseHeader(edbPath, shutdown, logs);
    }

    [GeneratedRegex(@"^\s*State:\s*(?<state>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex State();

    [GeneratedRegex(@"^\s*Log Required:\s*(?<range>\d+-\d+)", RegexOptions.Multiline)]
    private static partial Regex LogRequired();
}
