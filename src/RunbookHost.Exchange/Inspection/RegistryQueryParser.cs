using System.Text.RegularExpressions;
using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Inspection;

/// <summary>
/// Parses <c>reg query &lt;key&gt; /s</c>: a line per key (<c>HKEY_LOCAL_MACHINE\...</c>), then its
/// values indented as <c>Name    REG_TYPE    data</c> (four spaces on Windows 2008, tabs on 2003).
/// </summary>
internal static partial class RegistryQueryParser
{
    /// <summary>Values by key path (as printed) and value name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Parse(string output)
    {
        var keys = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string>? values = null;
        foreach (string line in OutputExcerpt.SplitLines(output))
        {
            if (line.StartsWith("HKEY_", StringComparison.OrdinalIgnoreCase) || line.StartsWith("HKLM\\", StringComparison.OrdinalIgnoreCase))
            {
                values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                keys[line.Trim()] = values;
                continue;
            }

            var value = Value().Match(line);
            if (values is not null && value.Success)
            {
                values[value.Groups["name"].Value.Trim()] = Data(value.Groups["type"].Value, value.Groups["data"].Value.Trim());
            }
        }

        return keys;
    }

    /// <summary>The last segment of a key path, e.g. "MailboxRole".</summary>
    public static string Leaf(string key) => key[(key.LastIndexOf('\\') + 1)..];

    // DWORDs print as hex ("0xf0"): return them in decimal, as versions are read.
    private static string Data(string type, string data) =>
        type.Equals("REG_DWORD", StringComparison.OrdinalIgnoreCase) && data.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && long.TryParse(data[2..], System.Globalization.NumberStyles.HexNumber, null, out long number)
            ? number.ToString()
            : data;

    [GeneratedRegex(@"^\s+(?<name>.+?)(?:\s{2,}|\t)(?<type>REG_[A-Z_]+)(?:(?:\s{2,}|\t)(?<data>.*))?$")]
    private static partial Regex Value();
}
