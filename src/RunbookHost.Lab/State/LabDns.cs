namespace RunbookHost.Lab.State;

/// <summary>One DNS server and what it currently answers for the CMS name.</summary>
internal sealed class LabDnsServer
{
    public string Address { get; set; } = string.Empty;

    public string Site { get; set; } = string.Empty;

    public bool Reachable { get; set; } = true;

    public List<string> Addresses { get; set; } = [];

    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>The addresses it will answer once converged, and when.</summary>
    public List<string>? PendingAddresses { get; set; }

    public DateTimeOffset? ConvergesAt { get; set; }
}

/// <summary>An A-record registration by the Network Name resource: the addresses and when.</summary>
internal sealed class LabDnsRegistration
{
    public string Site { get; set; } = string.Empty;

    public List<string> Addresses { get; set; } = [];

    public DateTimeOffset At { get; set; }
}
