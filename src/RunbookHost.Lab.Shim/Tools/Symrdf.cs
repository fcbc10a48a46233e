using RunbookHost.Lab.Shim.Formats;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Storage;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>
/// symrdf -g &lt;DG&gt; query|failover|failback|swap|establish|update [-noprompt], through the lab's
/// storage rules: failover makes the target (R2) side R/W, failback the source (R1) side, swap is
/// the lab's reverse (swap, then establish), establish its restore, update its sync-once.
/// </summary>
internal static class Symrdf
{
    private static readonly string[] Verbs = ["query", "failover", "failback", "swap", "establish", "update"];

    public static ShimResult Run(ShimContext context)
    {
        string? name = context.After("-g");
        string? verb = context.Arguments.Select(a => a.ToLowerInvariant()).FirstOrDefault(Verbs.Contains);
        if (name is null || verb is null)
        {
            throw new ShimException($"The shim's symrdf runs: -g <device group> {string.Join('|', Verbs)} [-noprompt].");
        }

        var (state, now) = (context.State, context.Now);
        if (state.Replication(name) is not { } group)
        {
            return ShimResult.Of(StorageRules.Query(state, now, name), errorsToStandardError: true);
        }

        if (verb == "query")
        {
            var query = StorageRules.Query(state, now, name);
            return ShimResult.Out(SymrdfQueryOutput.Render(state, group, query.Value!, context.Topology), query.Records);
        }

        return verb switch
        {
            "failover" => ShimResult.Of(StorageRules.Failover(state, now, name, group.TargetSite), errorsToStandardError: true),
            "failback" => ShimResult.Of(StorageRules.Failover(state, now, name, group.SourceSite), errorsToStandardError: true),
            "swap" => ShimResult.Of(StorageRules.Swap(state, now, name), errorsToStandardError: true),
            "establish" => ShimResult.Of(StorageRules.Restore(state, now, name), errorsToStandardError: true),
            _ => ShimResult.Of(StorageRules.SyncOnce(state, now, name), errorsToStandardError: true),
        };
    }
}
