using RunbookHost.Exchange.Cluster;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Moves the CMS's Physical Disk resources into its group (setup does not).</summary>
[Activity("MoveDisksToGroup", "Cluster", "Move disks to group", SideEffect = SideEffect.Idempotent,
    Description = "Moves each Physical Disk resource of the topology into the CMS group (cluster res \"Disk F:\" /moveto:\"MBX-1\"); disks already there are left alone.")]
[DefaultResilience(MaxAttempts = 2, DelaySeconds = 30)]
public sealed class MoveDisksToGroup : ClusterGroupActivity
{
    [Input(Description = "Disk resource names; empty means every disk of the topology.")]
    public Input<string[]> Disks { get; } = new();

    [Output(Description = "The disks that were moved.")]
    public Output<string[]> Moved { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        var cluster = Port<IClusterControl>(context);
        var log = Commands(context);
        var resources = await cluster.GetResourcesAsync(site.ClusterName, log, context.CancellationToken);
        var moved = new List<string>();
        foreach (string disk in ListOr(context, Disks, Topology(context).Disks.Select(d => d.Name)))
        {
            var resource = resources.FirstOrDefault(r => string.Equals(r.Name, disk, StringComparison.OrdinalIgnoreCase))
                ?? throw new Commands.PortException($"Cluster {site.ClusterName} has no disk resource '{disk}'.");
            if (!string.Equals(resource.Group, group, StringComparison.OrdinalIgnoreCase))
            {
                await cluster.MoveResourceAsync(site.ClusterName, disk, group, log, context.CancellationToken);
                moved.Add(disk);
            }
        }

        context.Set(Moved, [.. moved]);
        return context.Done();
    }
}
