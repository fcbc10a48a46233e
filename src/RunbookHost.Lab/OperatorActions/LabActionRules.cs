using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Commands;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>
/// Performs an operator action on the state: each checks that it makes sense first and throws
/// <see cref="LabActionRefusedException"/> before changing anything when it does not. An action that
/// undoes what an injected fault did retires that fault (it no longer describes the lab), without
/// the fault's own clearing effect.
/// </summary>
internal static class LabActionRules
{
    public static LabActionResult Perform(LabState state, DateTimeOffset now, LabActionRequest request)
    {
        var call = ActionCall.Resolve(state, request);
        var (message, records) = call.Name switch
        {
            LabActions.EnableCmsComputerAccount => ComputerAccountAction.Enable(state, call),
            LabActions.RestoreReplication => ReplicationAction.Restore(state, now, call),
            LabActions.ForceAdReplication => AdReplicationAction.Force(state, call),
            LabActions.UpgradeExchangeOnNode => ExchangeUpgradeAction.Upgrade(state, now, call),
            LabActions.RestoreMissingLogs => DatabaseRecoveryActions.RestoreLogs(state, now, call),
            LabActions.RunSoftRecovery => DatabaseRecoveryActions.SoftRecovery(state, now, call),
            _ => throw new LabActionException($"The lab cannot perform '{call.Name}' yet."),
        };
        return new LabActionResult(call.Name, call.Parameters, message, records);
    }

    public static LabActionRefusedException Refused(ActionCall call, string reason) => new(call.Name, reason);

    /// <summary>Removes the active faults of that name the action repaired; returns a note for the message, empty when none.</summary>
    public static string Retire(LabState state, string fault, Func<LabActiveFault, bool> repaired)
    {
        int removed = state.Faults.RemoveAll(f => string.Equals(f.Name, fault, StringComparison.OrdinalIgnoreCase) && repaired(f));
        return removed == 0 ? string.Empty : $" The {fault} fault no longer applies and is no longer listed.";
    }

    /// <summary>The site's domain controller, as setup's log names it.</summary>
    public static string DomainController(LabState state, LabSite site) =>
        $"DC-{site.Name.ToUpperInvariant()}01.{state.Settings.Domain.ToLowerInvariant()}.com";

    /// <summary>The site where the CMS group is online, else the first site: where an administrator would work.</summary>
    public static LabSite LiveSite(LabState state) =>
        state.Sites.FirstOrDefault(s => state.CmsGroup(s) is { State: ClusterState.Online or ClusterState.PartiallyOnline }) ?? state.Sites[0];

    public static CommandRecord Record(string target, string commandLine, string output, TimeSpan duration) => new(target, commandLine, 0, output, duration);
}
