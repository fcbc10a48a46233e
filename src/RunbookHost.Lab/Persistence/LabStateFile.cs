using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunbookHost.Exchange.Topology;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Persistence;

/// <summary>
/// The lab state as a JSON file: written atomically (temp file + rename), guarded against other
/// processes (a command-line shim) by an exclusive lock file next to it.
/// </summary>
internal sealed class LabStateFile(string path)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Path { get; } = path;

    /// <summary>Takes the lock file; a second process waits up to <paramref name="timeout"/> for it.</summary>
    public IDisposable Lock(TimeSpan timeout)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        FileStream? stream = null;
        bool taken = SpinWait.SpinUntil(() => TryOpen(Path + ".lock", out stream), timeout);
        return taken ? stream! : throw new IOException($"The lab state file '{Path}' is locked by another process (waited {timeout.TotalSeconds:0} s for '{Path}.lock').");
    }

    /// <summary>The saved state, or null when there is none or it cannot be read (a corrupt file is kept aside as .corrupt).</summary>
    public LabState? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<LabState>(File.ReadAllText(Path), Json);
            return state is null ? null : Normalize(state);
        }
        catch (JsonException)
        {
            File.Move(Path, $"{Path}.corrupt-{Guid.NewGuid():N}", overwrite: true);
            return null;
        }
    }

    public void Save(LabState state)
    {
        string full = System.IO.Path.GetFullPath(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, Json));
        File.Move(temp, full, overwrite: true);
    }

    public DateTime? LastWrite => File.Exists(Path) ? File.GetLastWriteTimeUtc(Path) : null;

    public static string Fingerprint(SccTopology topology) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(topology, Json))))[..16];

    /// <summary>Dictionaries come back case-sensitive from JSON; the rules look names up case-insensitively.</summary>
    private static LabState Normalize(LabState state)
    {
        foreach (var resource in state.Sites.SelectMany(s => s.Resources))
        {
            resource.Properties = new(resource.Properties, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var fault in state.Faults)
        {
            fault.Parameters = new(fault.Parameters, StringComparer.OrdinalIgnoreCase);
            fault.Saved = new(fault.Saved, StringComparer.OrdinalIgnoreCase);
        }

        state.Settings.DnsServerDelays = new(state.Settings.DnsServerDelays, StringComparer.OrdinalIgnoreCase);
        return state;
    }

    private static bool TryOpen(string lockPath, out FileStream? stream)
    {
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (IOException)
        {
            stream = null;
            return false;
        }
    }
}
