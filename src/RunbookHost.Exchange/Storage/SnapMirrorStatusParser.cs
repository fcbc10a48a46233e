using System.Globalization;
using System.Text.RegularExpressions;

namespace RunbookHost.Exchange.Storage;

/// <summary>One relationship of <c>snapmirror status</c>.</summary>
internal sealed record SnapMirrorRelationship(string Source, string Destination, string State, TimeSpan? Lag, string Status)
{
    /// <summary>The replication state: Snapmirrored + Idle is a consistent asynchronous copy.</summary>
    public ReplicationState ReplicationState => State.ToLowerInvariant() switch
    {
        "snapmirrored" when Status.StartsWith("Idle", StringComparison.OrdinalIgnoreCase) => Storage.ReplicationState.Consistent,
        "snapmirrored" when Status.StartsWith("Pending", StringComparison.OrdinalIgnoreCase) => Storage.ReplicationState.Partitioned,
        "snapmirrored" when Status.StartsWith("Quiescing", StringComparison.OrdinalIgnoreCase) => Storage.ReplicationState.Suspended,
        "snapmirrored" => Storage.ReplicationState.SyncInProgress,
        "quiesced" => Storage.ReplicationState.Suspended,
        "broken-off" => Storage.ReplicationState.FailedOver,
        _ => Storage.ReplicationState.Invalid,
    };
}

/// <summary>
/// Parses Data ONTAP 7-mode <c>snapmirror status</c>: "Snapmirror is on.", a header
/// <c>Source Destination State Lag Status</c>, then rows such as
/// <c>filer1:vol_sg1 filer2:vol_sg1 Snapmirrored 00:04:12 Idle</c> (Lag is hh:mm:ss or "-").
/// </summary>
internal static partial class SnapMirrorStatusParser
{
    public static IReadOnlyList<SnapMirrorRelationship> Parse(string output)
    {
        if (output.Contains("Snapmirror is off", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("SnapMirror is off on this filer.");
        }

        return Row().Matches(output)
            .Select(m => new SnapMirrorRelationship(m.Groups["src"].Value, m.Groups["dst"].Value, m.Groups["state"].Value, Lag(m.Groups["lag"].Value), m.Groups["status"].Value.Trim()))
            .ToList();
    }

    /// <summary>"hh:mm:ss" (hours may pass 24) or "-" for none.</summary>
    public static TimeSpan? Lag(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? new TimeSpan(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^\s*(?<src>[\w.\-]+:\S+)\s+(?<dst>[\w.\-]+:\S+)\s+(?<state>Source|Snapmirrored|Broken-off|Uninitialized|Quiesced|Unknown)\s+(?<lag>\d+:\d{2}:\d{2}|-)\s+(?<status>\S[^\r\n]*?)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Row();
}
