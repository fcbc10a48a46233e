namespace RunbookHost.Workflows.Hosting;

/// <summary>Settings of the engine's runner, bound from <c>Runbook:Engine</c>.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>This host's name in leases; unique per process.</summary>
    public string HostId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How often the runner looks for due timers and runnable runs when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a lease lasts without renewal; another host adopts the run after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs executed at once by this host.</summary>
    public int MaxConcurrentRuns { get; set; } = 64;

    /// <summary>How long cancelled activities get to stop before the run ends without them.</summary>
    public TimeSpan CancelGracePeriod { get; set; } = TimeSpan.FromSeconds(30);
}
