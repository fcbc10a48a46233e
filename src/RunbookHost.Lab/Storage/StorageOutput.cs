using System.Text;
using RunbookHost.Exchange.Storage;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Storage;

/// <summary>Command lines and output of the storage CLIs the adapters drive (SRDF's symrdf, NetApp's snapmirror, a generic CLI).</summary>
internal static class StorageOutput
{
    public static string CommandLine(LabReplicationGroup group, string verb) => group.Adapter.ToUpperInvariant() switch
    {
        "SRDF" => verb == "query" ? $"symrdf -g {group.DeviceGroup} query" : $"symrdf -g {group.DeviceGroup} {verb} -noprompt",
        "SNAPMIRROR" => verb switch
        {
            "query" => $"snapmirror status {group.DeviceGroup}",
            "failover" or "failback" => $"snapmirror break {group.DeviceGroup}",
            "swap" => $"snapmirror resync -S {group.DeviceGroup}",
            "establish" => $"snapmirror resync {group.DeviceGroup}",
            _ => $"snapmirror {verb} {group.DeviceGroup}",
        },
        _ => $"storage-replication {verb} --group {group.Name}",
    };

    public static string PairState(ReplicationState state) => state switch
    {
        ReplicationState.SyncInProgress => "SyncInProg",
        ReplicationState.FailedOver => "Failed Over",
        _ => state.ToString(),
    };

    public static string Query(LabState state, LabReplicationGroup group, ReplicationStatus status)
    {
        if (!group.Adapter.Equals("Srdf", StringComparison.OrdinalIgnoreCase))
        {
            return $"Source                 Destination            State          Lag        Status\n"
                + $"{group.SourceSite}:{group.DeviceGroup,-14} {group.TargetSite}:{group.DeviceGroup,-14} {PairState(status.State),-14} {status.Lag ?? TimeSpan.Zero:hh\\:mm\\:ss}   {(status.InvalidTracks > 0 ? $"Transferring ({status.InvalidTracks} tracks)" : "Idle")}\n";
        }

        var devices = state.Sites[0].Resources.Where(r => r.Type == ResourceTypes.PhysicalDisk && string.Equals(r.Property("ReplicationGroup"), group.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        string r1 = group.IsReadWriteAt(group.SourceSite) ? "RW" : "WD";
        string r2 = group.IsReadWriteAt(group.TargetSite) ? "RW" : "WD";
        string link = group.LinkDown ? "NR" : "RW";
        long perDevice = devices.Count == 0 ? status.InvalidTracks : status.InvalidTracks / devices.Count;
        var text = new StringBuilder();
        text.Append($"Device Group (DG) Name             : {group.DeviceGroup}\n");
        text.Append("DG's Type                          : RDF1\n");
        text.Append($"Source (R1) site                   : {group.SourceSite}\n");
        text.Append($"Target (R2) site                   : {group.TargetSite}\n\n");
        text.Append("       Source (R1) View                 Target (R2) View     MODES\n");
        text.Append("--------------------------------    ------------------------ ----- ------------\n");
        text.Append("Logical       ST  R1 Inv   R2 Inv  LI      ST  R1 Inv   R2 Inv       RDF Pair\n");
        text.Append("Device  Dev   E  Tracks   Tracks  S Dev   E  Tracks   Tracks MDA   STATE\n");
        text.Append("-------------------------------- -- ------------------------ ----- ------------\n\n");
        int i = 0;
        foreach (var device in devices)
        {
            i++;
            text.Append($"DEV{i:000}  {0x1A0 + i:X4} {r1}  {0,7} {perDevice,8} {link} {0x1B0 + i:X4} {r2}  {0,7} {perDevice,8} {(group.Lag is null ? "S.." : "A..")}   {PairState(status.State)}   ({device.Property("Path")})\n");
        }

        text.Append($"\nTotal          -------- --------           -------- --------\n  Track(s)            0 {status.InvalidTracks,8}                  0 {status.InvalidTracks,8}\n");
        return text.ToString();
    }

    /// <summary>symrdf's progress lines for a control operation.</summary>
    public static string Operation(LabReplicationGroup group, string operation, params string[] steps)
    {
        var text = new StringBuilder();
        text.Append($"An RDF '{operation}' operation execution is\nin progress for device group '{group.DeviceGroup}'. Please wait...\n\n");
        foreach (string step in steps)
        {
            text.Append($"    {step}\n");
        }

        text.Append($"\nThe RDF '{operation}' operation successfully executed for\ndevice group '{group.DeviceGroup}'.\n");
        return text.ToString();
    }

    public static string Step(string text, string result = "Done.") => $"{text}{new string('.', Math.Max(3, 58 - text.Length))}{result}";
}
