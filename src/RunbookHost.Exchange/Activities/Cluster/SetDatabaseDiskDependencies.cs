using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Makes each database instance depend on the disks holding its .edb and logs.</summary>
[Activity("SetDatabaseDiskDependencies", "Cluster", "Set database disk dependencies", SideEffect = SideEffect.Idempotent,
    Description = "Adds, for every database the CMS has in Active Directory, a dependency of its Database Instance resource on the disks that hold its .edb, logs and system files, taking the instance offline first when needed (a dependency cannot be added while it is online).")]
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
        // AD is what /recoverCMS built the resources from, so it also covers storage groups added after the standby was prepared.
        var configuration = await Port<IExchangeInspection>(context).GetCmsConfigurationAsync(topology.Cms.Name, log, context.CancellationToken)
            ?? throw new Commands.PortException($"Active Directory has no clustered mailbox server '{topology.Cms.Name}'.");
        foreach (var storageGroup in configuration.StorageGroups)
        {
            foreach (var database in storageGroup.Databases)
            {
                var instance = FindInstance(resources, topology.Cms.Name, storageGroup.Name, database.Name)
                    ?? throw new Commands.PortException($"Group '{group}' on {site.ClusterName} has no Database Instance resource for {storageGroup.Name}/{database.Name}.");
                var existing = await cluster.ListDependenciesAsync(site.ClusterName, instance.Name, log, context.CancellationToken);
                var disks = new[] { database.EdbPath, storageGroup.LogPath, storageGroup.SystemPath }
                    .Select(path => topology.DiskFor(path) ?? throw new Commands.PortException($"{storageGroup.Name}/{database.Name}: {path} is on no disk of the topology."))
                    .Select(d => d.Name)
                    .Distinct(StringComparer.OrdinalIgnoreCase);
                var missing = disks.Where(d => !existing.Contains(d, StringComparer.OrdinalIgnoreCase)).ToList();
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

    /// <summary>
    /// The Database Instance resource of a database, named "SG1/DB1 (MBX-1)" by setup; otherwise a
    /// resource naming the storage group and database as whole words.
    /// </summary>
    internal static ClusterResourceStatus? FindInstance(IReadOnlyList<ClusterResourceStatus> resources, string cms, string storageGroup, string database) =>
        resources.FirstOrDefault(r => string.Equals(r.Name, $"{storageGroup}/{database} ({cms})", StringComparison.OrdinalIgnoreCase))
        ?? resources.FirstOrDefault(r => WholeWord(r.Name, storageGroup) && WholeWord(r.Name, database));

    private static bool WholeWord(string text, string word) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"(^|[^A-Za-z0-9]){System.Text.RegularExpressions.Regex.Escape(word)}($|[^A-Za-z0-9])", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
