using System.Text;

namespace RunbookHost.Exchange.Commands;

/// <summary>The start and end of a command's output, bounded, for the journal.</summary>
internal static class OutputExcerpt
{
    public const int HeadLines = 20;
    public const int TailLines = 20;
    public const int MaxLineLength = 400;
    public const int MaxLength = 8000;

    /// <summary>Stdout, then stderr under a marker, cut to the first and last lines.</summary>
    public static string Of(string standardOutput, string standardError, int head = HeadLines, int tail = TailLines)
    {
        var lines = SplitLines(standardOutput).ToList();
        if (!string.IsNullOrWhiteSpace(standardError))
        {
            lines.Add("--- stderr ---");
            lines.AddRange(SplitLines(standardError));
        }

        return Cut(lines, head, tail);
    }

    public static string Cut(IReadOnlyList<string> lines, int head = HeadLines, int tail = TailLines)
    {
        var kept = lines.Count <= head + tail
            ? lines
            : [.. lines.Take(head), $"... ({lines.Count - head - tail} lines omitted) ...", .. lines.Skip(lines.Count - tail)];
        var text = new StringBuilder();
        foreach (string line in kept)
        {
            text.Append(line.Length > MaxLineLength ? string.Concat(line.AsSpan(0, MaxLineLength), "...") : line).Append('\n');
        }

        if (text.Length > MaxLength)
        {
            int half = (MaxLength / 2) - 20;
            return string.Concat(text.ToString(0, half), "\n... (truncated) ...\n", text.ToString(text.Length - half, half));
        }

        return text.ToString().TrimEnd('\n');
    }

    public static IEnumerable<string> SplitLines(string text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd('\n').Split('\n');
}
