using System.Text.RegularExpressions;

namespace RunbookHost.Exchange.Tests.Support;

/// <summary>Realistic tool outputs under Samples/, and builders for their variants.</summary>
internal static partial class Samples
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));

    /// <summary>A <c>symrdf query</c> with every pair in the given states (R1 device state, link, R2 device state, R2 invalid tracks, pair state).</summary>
    public static string Symrdf(string r1, string link, string r2, long invalidTracks, string pairState, string groupType = "RDF1", string localSid = "000190300123", string remoteSid = "000190300456")
    {
        string text = Read("Symrdf/synchronized.txt")
            .Replace("DG's Type                          : RDF1", "DG's Type                          : " + groupType, StringComparison.Ordinal)
            .Replace("DG's Symmetrix ID                  : 000190300123", "DG's Symmetrix ID                  : " + localSid, StringComparison.Ordinal)
            .Replace("Remote Symmetrix ID                : 000190300456", "Remote Symmetrix ID                : " + remoteSid, StringComparison.Ordinal);
        text = SymrdfRow().Replace(text, m => $"{m.Groups["ld"].Value}  {m.Groups["d1"].Value}  {r1,-2} {0,8} {invalidTracks,8} {link,-2} {m.Groups["d2"].Value} {r2,-2} {0,8} {0,8} S..   {pairState}");
        return SymrdfTracks().Replace(text, $"  Track(s)     {0,8} {invalidTracks,8}           {0,8} {0,8}");
    }

    [GeneratedRegex(@"^(?<ld>DEV\d+)\s+(?<d1>[0-9A-F]{4})\s+.*?\s(?<d2>00B\d)\s.*$", RegexOptions.Multiline)]
    private static partial Regex SymrdfRow();

    [GeneratedRegex(@"^  Track\(s\).*$", RegexOptions.Multiline)]
    private static partial Regex SymrdfTracks();
}
