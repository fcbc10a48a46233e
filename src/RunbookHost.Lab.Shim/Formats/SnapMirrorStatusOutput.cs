using System.Globalization;
using System.Text;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.Simulation;

namespace RunbookHost.Lab.Shim.Formats;

/// <summary>
/// <c>snapmirror status [path]</c>: "Snapmirror is on.", the header, one row per relationship
/// (State Source when the path asked for is the source volume; Snapmirrored, Broken-off, Quiesced
/// or Uninitialized otherwise; Lag hh:mm:ss or "-"; Status Idle, Transferring or Pending).
/// </summary>
internal static class SnapMirrorStatusOutput
{
    public static string Render(IEnumerable<(SnapMirrorRelationship Relationship, LabOutcome<ReplicationStatus> Query)> relationships, string? path)
    {
        var text = new StringBuilder("Snapmirror is on.\n");
        text.Append("Source                 Destination            State          Lag        Status\n");
        foreach (var (relationship, query) in relationships)
        {
            var status = query.Value!;
            string state = relationship.IsSource(path) ? "Source" : State(status.State);
            string lag = status.Lag is { } l ? $"{(int)l.TotalHours:00}:{l.Minutes:00}:{l.Seconds:00}" : "-";
            text.Append(CultureInfo.InvariantCulture, $"{relationship.SourcePath,-22} {relationship.DestinationPath,-22} {state,-14} {lag,-10} {Status(relationship, status)}\n");
        }

        return text.ToString();
    }

    private static string State(ReplicationState state) => state switch
    {
        ReplicationState.FailedOver or ReplicationState.Split => "Broken-off",
        ReplicationState.Suspended => "Quiesced",
        ReplicationState.Invalid => "Uninitialized",
        _ => "Snapmirrored",
    };

    private static string Status(SnapMirrorRelationship relationship, ReplicationStatus status) => status.State switch
    {
        ReplicationState.SyncInProgress => $"Transferring  ({Math.Max(0, relationship.Group.ResyncStartTracks - status.InvalidTracks) / 16} MB done)",
        ReplicationState.Partitioned => "Pending",
        _ => "Idle",
    };
}
