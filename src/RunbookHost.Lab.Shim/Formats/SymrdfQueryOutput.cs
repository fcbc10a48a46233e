using System.Text;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.Shim.Formats;

/// <summary>
/// <c>symrdf -g DG query</c> as Solutions Enabler prints it, seen from the R1 array: the DG header
/// with both Symmetrix IDs (<c>sid.&lt;site&gt;</c> from the topology, else a fixed ID per site),
/// one row per Physical Disk of the group and the Total Track(s) line (the invalid tracks once).
/// </summary>
internal static class SymrdfQueryOutput
{
    public static string Render(LabState state, LabReplicationGroup group, ReplicationStatus status, SccTopology? topology)
    {
        var devices = state.Sites[0].Resources
            .Where(r => r.Type == ResourceTypes.PhysicalDisk && string.Equals(r.Property("ReplicationGroup"), group.Name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        string r1 = group.IsReadWriteAt(group.SourceSite) ? "RW" : "WD";
        string r2 = group.IsReadWriteAt(group.TargetSite) ? "RW" : "WD";
        string link = group.LinkDown ? "NR" : "RW";
        string modes = group.Lag is null ? "S.." : "A..";
        string pair = StorageOutput.PairState(status.State);
        var text = new StringBuilder("\n");
        text.Append($"Device Group (DG) Name             : {group.DeviceGroup}\n");
        text.Append("DG's Type                          : RDF1\n");
        text.Append($"DG's Symmetrix ID                  : {SymmetrixId(state, topology, group, group.SourceSite)}       (Microcode Version: 5773)\n");
        text.Append($"Remote Symmetrix ID                : {SymmetrixId(state, topology, group, group.TargetSite)}       (Microcode Version: 5773)\n");
        text.Append("RDF (RA) Group Number              : 1                  (00)\n\n\n");
        text.Append("                 Source (R1) View                 Target (R2) View     MODES\n");
        text.Append("--------------------------------    ------------------------ ----- ------------\n");
        text.Append("              ST                  LI      ST\n");
        text.Append("Standard       A                   N       A\n");
        text.Append("Logical        T  R1 Inv   R2 Inv  K       T  R1 Inv   R2 Inv       RDF Pair\n");
        text.Append("Device  Dev    E  Tracks   Tracks  S Dev   E  Tracks   Tracks MDAE  STATE\n");
        text.Append("-------------------------------- -- ------------------------ ----- ------------\n\n");
        for (int i = 0; i < devices.Count; i++)
        {
            long tracks = (status.InvalidTracks / devices.Count) + (i == 0 ? status.InvalidTracks % devices.Count : 0);
            text.Append($"DEV{i + 1:000}  {0xA1 + i:X4}  {r1} {0,7} {tracks,8} {link} {0xB1 + i:X4} {r2} {0,7} {0,8} {modes,-5} {pair}\n");
        }

        text.Append("\nTotal          -------- --------           -------- --------\n");
        text.Append($"  Track(s)     {0,8} {status.InvalidTracks,8}           {0,8} {0,8}\n");
        text.Append($"  MB(s)        {0,8:0.0} {status.InvalidTracks * 0.0625,8:0.0}           {0,8:0.0} {0,8:0.0}\n");
        return text.ToString();
    }

    private static string SymmetrixId(LabState state, SccTopology? topology, LabReplicationGroup group, string site)
    {
        var configured = topology?.ReplicationGroups.FirstOrDefault(g => string.Equals(g.Name, group.Name, StringComparison.OrdinalIgnoreCase));
        if (configured is not null && configured.Settings.TryGetValue("sid." + site, out string? sid) && sid.Length > 0)
        {
            return sid;
        }

        int index = state.Sites.FindIndex(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase));
        return $"000190300{123 + (333 * Math.Max(0, index)):000}";
    }
}
