using RunbookHost.Exchange.Commands;

namespace RunbookHost.Lab.State;

/// <summary>
/// Everything the lab knows about the two sites: clusters, nodes, storage, Active Directory,
/// databases, DNS and active faults. Plain serializable data: a console shim can load it from the
/// state file, apply one command with the rules and save it again, without DI.
/// </summary>
internal sealed class LabState
{
    /// <summary>Incremented by every saved change; lets a reader tell whether the file moved on.</summary>
    public long Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A hash of the topology the state was built from; a state built from another topology is not reused.</summary>
    public string TopologyFingerprint { get; set; } = string.Empty;

    public LabSettings Settings { get; set; } = new();

    public string CmsName { get; set; } = string.Empty;

    public List<LabSite> Sites { get; set; } = [];

    public List<LabReplicationGroup> Replication { get; set; } = [];

    public LabDirectory Directory { get; set; } = new();

    public List<LabDatabase> Databases { get; set; } = [];

    public List<LabDnsServer> Dns { get; set; } = [];

    /// <summary>The last A-record registration of the CMS name: what DNS servers converge to.</summary>
    public LabDnsRegistration? DnsRegistration { get; set; }

    public List<LabActiveFault> Faults { get; set; } = [];

    /// <summary>The most recent commands (newest last), for the UI.</summary>
    public List<CommandRecord> RecentCommands { get; set; } = [];
}

/// <summary>The timing and naming knobs the rules need; copied from <c>LabOptions</c> so that a shim sees the same values.</summary>
internal sealed class LabSettings
{
    /// <summary>Multiplies every simulated duration and time-based condition; 0 = instant.</summary>
    public double TimeScale { get; set; } = 1;

    public TimeSpan DnsTtl { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Extra delay before a DNS server of the other site converges (AD-integrated zone replication).</summary>
    public TimeSpan DnsReplicationDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Per-server replication delay overrides (server address -> delay).</summary>
    public Dictionary<string, TimeSpan> DnsServerDelays { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tracks copied per (unscaled) second during a resync.</summary>
    public double ResyncRate { get; set; } = 250;

    /// <summary>Tracks a reverse (swap) has to copy: a full copy takes hours.</summary>
    public long ResyncTracks { get; set; } = 2_000_000;

    public string ExchangeVersion { get; set; } = "8.1.240.6";

    /// <summary>The version <c>setup.com /mode:upgrade</c> installs (the next service pack).</summary>
    public string UpgradeVersion { get; set; } = "8.2.176.2";

    public string Domain { get; set; } = "CONTOSO";
}

/// <summary>A fault currently injected, with its parameters and what it replaced (to restore on clear).</summary>
internal sealed class LabActiveFault
{
    public string Name { get; set; } = string.Empty;

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Saved { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset Since { get; set; }

    public string Parameter(string name, string fallback) =>
        Parameters.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value : fallback;
}
