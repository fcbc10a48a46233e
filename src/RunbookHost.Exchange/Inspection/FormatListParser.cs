using System.Text.RegularExpressions;
using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Inspection;

/// <summary>
/// Parses PowerShell's <c>Format-List</c> output: records separated by blank lines, each line
/// <c>Name : value</c> with the colons aligned; a wrapped value continues on lines indented to the value column.
/// </summary>
internal static partial class FormatListParser
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string output)
    {
        var records = new List<IReadOnlyDictionary<string, string>>();
        Dictionary<string, string>? current = null;
        string? lastKey = null;
        foreach (string line in OutputExcerpt.SplitLines(output))
        {
            if (line.Trim().Length == 0)
            {
                current = null;
                lastKey = null;
                continue;
            }

            var field = Field().Match(line);
            if (field.Success)
            {
                if (current is null)
                {
                    current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    records.Add(current);
                }

                lastKey = field.Groups["key"].Value;
                current[lastKey] = field.Groups["value"].Value.Trim();
            }
            else if (current is not null && lastKey is not null && line.StartsWith(' '))
            {
                current[lastKey] += line.Trim();
            }
        }

        return records;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z][\w.]*)\s*:(?:\s(?<value>.*))?$")]
    private static partial Regex Field();
}
