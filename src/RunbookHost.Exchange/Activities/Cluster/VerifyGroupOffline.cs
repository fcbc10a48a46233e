using RunbookHost.Exchange.Cluster;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities.Cluster;

/// <summary>Checks that a cluster group is offline (or its cluster unreachable).</summary>
[Activity("VerifyGroupOffline", "Cluster", "Verify group offline", Outcomes = [OfflineOutcome, NotOfflineOutcome, UnreachableOutcome],
    Description = "Reads the group's state: Offline, NotOffline (some resource online or pending), or Unreachable when the cluster does not answer.")]
public sealed class VerifyGroupOffline : ClusterGroupActivity
{
    public const string OfflineOutcome = "Offline";
    public const string NotOfflineOutcome = "NotOffline";
    public const string UnreachableOutcome = "Unreachable";

    [Output(Description = "The group's state as the cluster reported it.")]
    public Output<string> State { get; } = new();

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var (site, group) = Target(context);
        IReadOnlyList<ClusterGroupStatus> groups;
        try
        {
            groups = await Port<IClusterControl>(context).GetGroupsAsync(site.ClusterName, Commands(context), context.CancellationToken);
        }
        catch (Commands.PortException ex)
        {
            context.Set(State, "Unreachable");
            context.Record("CheckPassed", $"Cluster {site.ClusterName} does not answer: {ex.Message}");
            return context.Complete(UnreachableOutcome);
        }

        var status = groups.FirstOrDefault(g => string.Equals(g.Name, group, StringComparison.OrdinalIgnoreCase));
        context.Set(State, status?.State.ToString() ?? "Absent");
        return context.Complete(status is null || status.State == ClusterState.Offline ? OfflineOutcome : NotOfflineOutcome);
    }
}
