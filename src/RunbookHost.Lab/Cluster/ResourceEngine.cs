using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Network;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Cluster;

/// <summary>
/// Brings resources online (dependencies first, each checked against the rules of its type) and
/// offline (dependents first), writing cluster-log style transition lines.
/// </summary>
internal sealed class ResourceEngine(LabState state, LabSite site, DateTimeOffset now)
{
    private readonly HashSet<string> _visiting = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cluster log lines, in the order things happened.</summary>
    public List<string> Trace { get; } = [];

    /// <summary>The same transitions in plain words, for setup's log.</summary>
    public List<string> Events { get; } = [];

    /// <summary>Simulated work beyond the command itself (disk arrival, database mounts, log replay).</summary>
    public TimeSpan Work { get; private set; }

    public bool Online(LabResource resource)
    {
        if (resource.State == ClusterState.Online)
        {
            return true;
        }

        if (!_visiting.Add(resource.Name))
        {
            return false;
        }

        try
        {
            foreach (string name in resource.Dependencies)
            {
                if (site.Resource(name) is not { } dependency || !Online(dependency))
                {
                    Transition(resource, ClusterState.Offline);
                    resource.FailureReason = $"The dependency '{name}' is not online.";
                    return false;
                }
            }

            if (Obstacle(resource) is { } reason)
            {
                Transition(resource, ClusterState.Failed);
                resource.FailureReason = reason;
                Trace.Add(Stamp($"ERR   [RES] {resource.Type} <{resource.Name}>: {reason}"));
                return false;
            }

            Transition(resource, ClusterState.Online);
            resource.FailureReason = null;
            resource.OnlineSince = now;
            AfterOnline(resource);
            return true;
        }
        finally
        {
            _visiting.Remove(resource.Name);
        }
    }

    public void Offline(LabResource resource)
    {
        foreach (var dependent in site.Resources.Where(r => r.Dependencies.Contains(resource.Name, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            Offline(dependent);
        }

        if (resource.State == ClusterState.Offline)
        {
            return;
        }

        bool wasOnline = resource.State == ClusterState.Online;
        Transition(resource, ClusterState.Offline);
        resource.OnlineSince = null;
        if (wasOnline && resource.Type == ResourceTypes.DatabaseInstance && Database(resource) is { } database && DisksWritable(resource))
        {
            database.Header = DatabaseShutdownState.CleanShutdown;
            database.LogRequired = null;
            Trace.Add(Stamp($"INFO  [RES] Microsoft Exchange Database Instance <{resource.Name}>: database {database.StorageGroup}\\{database.Name} dismounted (clean shutdown)."));
        }
    }

    public void OnlineGroup(LabGroup group)
    {
        foreach (var resource in site.ResourcesOf(group.Name).ToList())
        {
            Online(resource);
        }

        Refresh(site, group);
    }

    public void OfflineGroup(LabGroup group)
    {
        foreach (var resource in site.ResourcesOf(group.Name).ToList())
        {
            Offline(resource);
        }

        Refresh(site, group);
    }

    /// <summary>A group's state follows its resources: all online, none online (failed if any failed), or partially online.</summary>
    public static void Refresh(LabSite site, LabGroup group)
    {
        var resources = site.ResourcesOf(group.Name).ToList();
        if (resources.Count == 0)
        {
            return;
        }

        int online = resources.Count(r => r.State == ClusterState.Online);
        group.State = online == resources.Count ? ClusterState.Online
            : online > 0 ? ClusterState.PartiallyOnline
            : resources.Any(r => r.State == ClusterState.Failed) ? ClusterState.Failed
            : ClusterState.Offline;
    }

    private string? Obstacle(LabResource resource) => resource.Type switch
    {
        ResourceTypes.PhysicalDisk when !state.DeviceWritable(site, resource) =>
            $"The device is not ready. The storage devices of {resource.Property("Path")} are write-disabled (R/O) at site {site.Name}.",
        ResourceTypes.IpAddress when resource.Property("Address") is { } address && NetworkView.AddressAnswers(state, address, site) is { } other =>
            $"Cluster IP address resource '{resource.Name}' cannot be brought online because a duplicate IP address '{address}' was detected on the network ({other}). Please ensure all IP addresses are unique.",
        ResourceTypes.NetworkName => NetworkNameObstacle(resource),
        ResourceTypes.DatabaseInstance => DatabaseObstacle(resource),
        _ => null,
    };

    private string? NetworkNameObstacle(LabResource resource)
    {
        string name = resource.Property("Name") ?? resource.Name;
        if (NetworkView.NameAnswers(state, name, site) is { } address)
        {
            return $"Cluster network name resource '{resource.Name}' cannot be brought online. The name '{name}' is already in use on the network by {address}. The error code was '52': You were not connected because a duplicate name exists on the network.";
        }

        if (string.Equals(name, state.CmsName, StringComparison.OrdinalIgnoreCase))
        {
            if (state.ActiveFor(LabFaults.ClusterNameObjectLacksRights, "cluster", site.ClusterName) is not null)
            {
                return $"Cluster network name resource '{resource.Name}' cannot be brought online. The computer object associated with the resource could not be updated in domain {state.Settings.Domain}: the cluster name object '{site.ClusterName}' lacks the rights to create or update computer object '{name}'. Error 0x8007139f: The group or resource is not in the correct state to perform the requested operation.";
            }

            if (!state.Directory.ComputerAccountEnabled)
            {
                return $"Cluster network name resource '{resource.Name}' cannot be brought online. The computer account '{name}' is disabled in Active Directory (/clearLocalCMS disables it on Windows Server 2008): re-enable it.";
            }
        }

        return null;
    }

    private string? DatabaseObstacle(LabResource resource)
    {
        string storageGroup = resource.Property("StorageGroup") ?? string.Empty;
        string name = resource.Property("Database") ?? string.Empty;
        if (DiskDependencies.Missing(state, site, resource) is { Count: > 0 } missing)
        {
            return $"Dependency missing: '{resource.Name}' does not depend on {string.Join(", ", missing.Select(d => $"'{d.Name}'"))}. Failed to mount database '{storageGroup}\\{name}': its files are on a volume that is not online to this resource (error -1023 JET_errInvalidPath).";
        }

        if (Database(resource) is not { } database)
        {
            return null;
        }

        var configured = state.AdStorageGroup(storageGroup);
        if (configured is not null && !string.Equals(configured.LogPrefix, database.LogPrefixOnDisk, StringComparison.OrdinalIgnoreCase))
        {
            return $"Failed to mount database '{storageGroup}\\{name}': error -539 (JET_errDatabaseLogSetMismatch). Storage group {storageGroup} uses log prefix {configured.LogPrefix} in Active Directory but the log files in {configured.LogPath} are {database.LogPrefixOnDisk}*.log.";
        }

        if (state.IncompleteCopyOf(site, database) is { } copy)
        {
            return $"Failed to mount database '{storageGroup}\\{name}': error -543 (JET_errRequiredLogFilesMissing). The database and logs at site {site.Name} are an incomplete copy: replication group {copy.Name} was failed over before a resync had finished copying, so the log files the header requires are not all there.";
        }

        if (database.Header == DatabaseShutdownState.DirtyShutdown && database.MissingLogsError is { } error)
        {
            string text = error == -528 ? "JET_errMissingLogFile" : "JET_errRequiredLogFilesMissing";
            return $"Failed to mount database '{storageGroup}\\{name}': error {error} ({text}). The database is in Dirty Shutdown and requires logs {database.LogRequired} ({database.LogPrefixOnDisk}) that are missing from {configured?.LogPath}.";
        }

        return null;
    }

    private void AfterOnline(LabResource resource)
    {
        if (resource.Type == ResourceTypes.PhysicalDisk)
        {
            Work += Durations.DiskOnline;
        }

        if (resource.Type != ResourceTypes.DatabaseInstance || Database(resource) is not { } database)
        {
            return;
        }

        Work += Durations.DatabaseMount;
        if (database.Header == DatabaseShutdownState.DirtyShutdown)
        {
            Work += Durations.LogReplay;
            database.LogGeneration += 12;
            Trace.Add(Stamp($"INFO  [RES] Microsoft Exchange Database Instance <{resource.Name}>: soft recovery replayed logs {database.LogRequired} ({database.LogPrefixOnDisk})."));
        }

        database.Header = DatabaseShutdownState.DirtyShutdown;
        database.LogRequired = $"{database.LogGeneration}-{database.LogGeneration}";
        Trace.Add(Stamp($"INFO  [RES] Microsoft Exchange Database Instance <{resource.Name}>: database {database.StorageGroup}\\{database.Name} mounted."));
    }

    private LabDatabase? Database(LabResource instance) =>
        state.Database(instance.Property("StorageGroup") ?? string.Empty, instance.Property("Database") ?? string.Empty);

    private bool DisksWritable(LabResource instance) =>
        DiskDependencies.Expected(state, site, instance).All(d => d.State == ClusterState.Online && state.DeviceWritable(site, d));

    private void Transition(LabResource resource, ClusterState to)
    {
        if (resource.State != to)
        {
            Trace.Add(Stamp($"INFO  [RCM] TransitionToState({resource.Name}) {resource.State}-->{to}."));
            Events.Add($"Cluster resource '{resource.Name}' is now {to} (was {resource.State}).");
            resource.State = to;
        }
    }

    private string Stamp(string text) => $"00000b44.00000c10::{now.UtcDateTime:yyyy/MM/dd-HH:mm:ss.fff} {text}";
}
