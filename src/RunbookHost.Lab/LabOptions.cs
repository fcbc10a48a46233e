using Microsoft.Extensions.Options;

namespace RunbookHost.Lab;

/// <summary>The lab's settings, bound from <c>Runbook:Lab</c>.</summary>
public sealed class LabOptions
{
    public const string Section = "Runbook:Lab";

    /// <summary>Multiplies every simulated duration and time-based condition (0.001 for demos and tests; 0 = instant; 1 = real time).</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Where the state survives restarts; empty keeps it in memory only.</summary>
    public string? StateFile { get; set; } = "./data/lab-state.json";

    /// <summary>The CMS A record's TTL (Windows 2008 HostRecordTTL: 20 minutes).</summary>
    public TimeSpan DnsTtl { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How much later than TTL a DNS server of the other site converges (AD-integrated zone replication; unconfirmed: minutes to hours).</summary>
    public TimeSpan DnsReplicationDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Per-server replication delays overriding the above (server address -> delay).</summary>
    public Dictionary<string, TimeSpan> DnsServerDelays { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tracks copied per (unscaled) second during a resync.</summary>
    public double ResyncRate { get; set; } = 250;

    /// <summary>Tracks a reverse (swap, full copy) has to copy.</summary>
    public long ResyncTracks { get; set; } = 2_000_000;

    /// <summary>Whether the standby nodes start with the passive mailbox role (false exercises prepare-standby).</summary>
    public bool StandbyPassiveRoleInstalled { get; set; } = true;

    public string ExchangeVersion { get; set; } = "8.1.240.6";

    public string UpgradeVersion { get; set; } = "8.2.176.2";

    public string Domain { get; set; } = "CONTOSO";

    /// <summary>How many recent commands the state (and the UI) keeps.</summary>
    public int RecentCommandLimit { get; set; } = 50;

    /// <summary>How long to wait for another process holding the state file's lock.</summary>
    public TimeSpan FileLockTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Refuses nonsensical lab settings at start-up, naming each.</summary>
internal sealed class LabOptionsValidator : IValidateOptions<LabOptions>
{
    public ValidateOptionsResult Validate(string? name, LabOptions options)
    {
        var errors = new List<string>();
        if (options.TimeScale is < 0 or > 1000 || double.IsNaN(options.TimeScale))
        {
            errors.Add($"{LabOptions.Section}:TimeScale must be between 0 and 1000 (found {options.TimeScale}).");
        }

        if (options.ResyncRate <= 0 || double.IsNaN(options.ResyncRate))
        {
            errors.Add($"{LabOptions.Section}:ResyncRate must be positive (found {options.ResyncRate}).");
        }

        if (options.ResyncTracks < 0)
        {
            errors.Add($"{LabOptions.Section}:ResyncTracks must not be negative.");
        }

        if (options.DnsTtl < TimeSpan.Zero || options.DnsReplicationDelay < TimeSpan.Zero || options.DnsServerDelays.Values.Any(d => d < TimeSpan.Zero))
        {
            errors.Add($"{LabOptions.Section}: DNS TTL and replication delays must not be negative.");
        }

        if (options.RecentCommandLimit < 0)
        {
            errors.Add($"{LabOptions.Section}:RecentCommandLimit must not be negative.");
        }

        if (string.IsNullOrWhiteSpace(options.ExchangeVersion) || string.IsNullOrWhiteSpace(options.UpgradeVersion))
        {
            errors.Add($"{LabOptions.Section}:ExchangeVersion and UpgradeVersion are required.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
