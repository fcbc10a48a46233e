using System.Text.RegularExpressions;

namespace RunbookHost.Exchange.Inspection;

/// <summary>
/// Reads a server's Exchange build from <c>Get-ExchangeServer -Identity &lt;name&gt; | Format-List AdminDisplayVersion</c>:
/// Exchange 2007 prints <c>AdminDisplayVersion : Version 8.1 (Build 240.6)</c>, i.e. build 8.1.240.6,
/// the form setup and the registry use.
/// </summary>
internal static partial class ExchangeServerVersionReader
{
    public static string Read(string server, string output)
    {
        var record = FormatListParser.Parse(output).FirstOrDefault(r => r.ContainsKey("AdminDisplayVersion"))
            ?? throw new FormatException($"Get-ExchangeServer '{server}' printed no AdminDisplayVersion field.");
        string value = record["AdminDisplayVersion"];
        var version = AdminDisplayVersion().Match(value);
        return version.Success
            ? $"{version.Groups["major"].Value}.{version.Groups["minor"].Value}.{version.Groups["build"].Value}.{version.Groups["revision"].Value}"
            : throw new FormatException($"Get-ExchangeServer '{server}' printed AdminDisplayVersion '{value}', which is no 'Version M.m (Build B.r)'.");
    }

    [GeneratedRegex(@"^Version\s+(?<major>\d+)\.(?<minor>\d+)\s+\(Build\s+(?<build>\d+)\.(?<revision>\d+)\)$")]
    private static partial Regex AdminDisplayVersion();
}
