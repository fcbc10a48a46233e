using System.Text.RegularExpressions;

namespace RunbookHost.Exchange.Cluster;

/// <summary>
/// Parses cluster.exe's status tables (<c>group /stat</c>, <c>res /stat</c>, <c>res "R" /listdep</c>):
/// an optional "Listing status for ..." line, a header, a line of dashes giving the column widths,
/// then one row per group or resource, the status last.
/// </summary>
internal static partial class ClusterStatusParser
{
    public static IReadOnlyList<ClusterGroupStatus> ParseGroups(string output) =>
        Rows(output, 3).Select(r => new ClusterGroupStatus(r[0], r[1], MapState(r[2]))).ToList();

    public static IReadOnlyList<ClusterResourceStatus> ParseResources(string output) =>
        Rows(output, 4).Select(r => new ClusterResourceStatus(r[0], r[1], r[2], MapState(r[3]))).ToList();

    /// <summary>Maps a status word; pending states (Online Pending, Offline Pending) map to Pending.</summary>
    public static ClusterState MapState(string status) => Whitespace().Replace(status.Trim(), " ").ToLowerInvariant() switch
    {
        "online" => ClusterState.Online,
        "offline" => ClusterState.Offline,
        "partially online" or "partial online" => ClusterState.PartiallyOnline,
        "failed" => ClusterState.Failed,
        "pending" or "online pending" or "offline pending" => ClusterState.Pending,
        _ => ClusterState.Unknown,
    };

    /// <summary>The table's rows, each cut into <paramref name="columns"/> values (name columns first, status last).</summary>
    public static IReadOnlyList<string[]> Rows(string output, int columns)
    {
        var lines = output.Replace("\r\n", "\n").Split('\n').Select(l => l.Replace('\t', ' ').TrimEnd()).ToList();
        int dashes = lines.FindIndex(l => DashLine().IsMatch(l));
        if (dashes < 0)
        {
            return lines.Any(l => l.Length > 0)
                ? throw new FormatException("cluster.exe output has no table (no line of dashes): " + string.Join(" | ", lines.Where(l => l.Length > 0).Take(3)))
                : [];
        }

        var starts = DashGroup().Matches(lines[dashes]).Select(m => m.Index).ToArray();
        var rows = new List<string[]>();
        foreach (string line in lines.Skip(dashes + 1).TakeWhile(l => l.Trim().Length > 0))
        {
            rows.Add(Row(line, columns, starts));
        }

        return rows;
    }

    private static string[] Row(string line, int columns, int[] starts)
    {
        var status = StatusAtEnd().Match(line);
        string statusText = status.Success ? status.Groups["status"].Value : LastWord(line);
        string rest = line[..(line.Length - statusText.Length)].TrimEnd();

        // Node names never contain spaces: the node is the last word before the status.
        string node = LastWord(rest);
        string names = rest[..^node.Length];
        if (columns == 3)
        {
            return [names.Trim(), node, statusText];
        }

        var (name, group) = SplitNameAndGroup(names, starts);
        return [name, group, node, statusText];
    }

    // The group column is padded to its width before the node column, so its length follows from
    // that padding; this also holds when a long resource name pushed the rest of the row right
    // (then the group starts after its column). Otherwise cut at the column, else at a wide gap.
    private static (string Name, string Group) SplitNameAndGroup(string names, int[] starts)
    {
        int groupStart = starts.Length > 1 ? starts[1] : -1;
        string trimmed = names.TrimEnd();
        int padding = names.Length - trimmed.Length;
        int width = starts.Length > 2 ? starts[2] - starts[1] - 1 : 0;
        int start = trimmed.Length - (width + 1 - padding);
        if (width > 0 && padding > 0 && start > 0 && start < trimmed.Length && start >= groupStart && trimmed[start - 1] == ' ')
        {
            return (trimmed[..start].Trim(), trimmed[start..]);
        }

        if (groupStart > 0 && trimmed.Length > groupStart && trimmed[groupStart - 1] == ' ' && trimmed[groupStart] != ' ')
        {
            return (trimmed[..groupStart].Trim(), trimmed[groupStart..].Trim());
        }

        var parts = WideGap().Split(trimmed.Trim());
        return parts.Length >= 2 ? (string.Join(' ', parts[..^1]), parts[^1]) : (trimmed.Trim(), string.Empty);
    }

    private static string LastWord(string text)
    {
        string trimmed = text.TrimEnd();
        int space = trimmed.LastIndexOf(' ');
        return space < 0 ? trimmed : trimmed[(space + 1)..];
    }

    [GeneratedRegex(@"^\s*-{2,}(\s+-{2,})+\s*$")]
    private static partial Regex DashLine();

    [GeneratedRegex("-+")]
    private static partial Regex DashGroup();

    [GeneratedRegex(@"(?<=\s)(?<status>Partially Online|Partial Online|Online Pending|Offline Pending|Online|Offline|Failed|Pending|Unknown)$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusAtEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex WideGap();
}
