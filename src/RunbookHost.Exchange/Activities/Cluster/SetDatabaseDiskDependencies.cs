using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Makes each database instance depend on the disks holding its .edb and logs.</summary>
[Activity("SetDatabaseDiskDependencies", "Cluster", "Set database disk dependencies", SideEffect = SideEffect.Idempotent,
    Description = "Adds, for every database, a dependency of its Database Instance resource on the disks that hold its .edb, logs and system files, taking the instance offline first when needed (a dependency cannot be added while it is online).")]
[DefaultResilience(MaxAttempts = 2, DelaySeconds = 30)]
public sealed class SetDatabaseDiskDependencies : ClusterGroupActivity
{
    [Output(Description = "The dependencies added, as 'instance -> disk'.")]
    public Output<string[]> Added { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        var topology = Topology(context);
        var cluster = Port<IClusterControl>(context);
        var log = Commands(context);
        var wait = context.Get(Wait);
        var resources = (await cluster.GetResourcesAsync(site.ClusterName, log, context.CancellationToken))
            .Where(r => string.Equals(r.Group, group, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var added = new List<string>();
        foreach (var storageGroup in topology.Cms.StorageGroups)
        {
            foreach (var database in storageGroup.Databases)
            {
                var instance = FindInstance(resources, storageGroup, database)
                    ?? throw new Commands.PortException($"Group '{group}' on {site.ClusterName} has no Database Instance resource for {storageGroup.Name}/{database.Name}.");
                var existing = await cluster.ListDependenciesAsync(site.ClusterName, instance.Name, log, context.CancellationToken);
                var missing = topology.DisksOfDatabase(storageGroup, database)
                    .Select(d => d.Name)
                    .Where(d => !existing.Contains(d, StringComparer.OrdinalIgnoreCase))
                    .ToList();
                if (missing.Count == 0)
                {
                    continue;
                }

                bool wasOnline = instance.State == ClusterState.Online;
                if (wasOnline)
                {
                    await cluster.TakeResourceOfflineAsync(site.ClusterName, instance.Name, wait, log, context.CancellationToken);
                }

                foreach (string disk in missing)
                {
                    await cluster.AddDependencyAsync(site.ClusterName, instance.Name, disk, log, context.CancellationToken);
                    added.Add($"{instance.Name} -> {disk}");
                }

                if (wasOnline)
                {
                    await cluster.BringResourceOnlineAsync(site.ClusterName, instance.Name, wait, log, context.CancellationToken);
                }
            }
        }

        context.Set(Added, [.. added]);
        return context.Done();
    }

    /// <summary>The Database Instance resource of a database: its name carries the storage group and database names.</summary>
    internal static ClusterResourceStatus? FindInstance(IEnumerable<ClusterResourceStatus> resources, StorageGroup storageGroup, MailboxDatabase database) =>
        resources.FirstOrDefault(r => r.Name.Contains(database.Name, StringComparison.OrdinalIgnoreCase) && r.Name.Contains(storageGroup.Name, StringComparison.OrdinalIgnoreCase));
}
