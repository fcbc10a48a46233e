using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Setup;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>
/// setup.com /mode:upgrade run by hand at a node's console from the media of one build, as
/// prepare-standby's "Align service packs" step allows: setup's own rule, with the media's build
/// instead of the lab's next service pack. Whatever would make setup refuse is refused first.
/// </summary>
internal static class ExchangeUpgradeAction
{
    public static (string Message, IReadOnlyList<CommandRecord> Records) Upgrade(LabState state, DateTimeOffset now, ActionCall call)
    {
        var node = state.Node(call.Parameter("node"))!;
        var site = state.SiteOfNode(node.Name)!;
        string version = call.Parameter("version");
        if (!Version.TryParse(version, out var wanted) || wanted.Revision < 0)
        {
            throw new LabActionException($"{call.Name}: 'version' must be an Exchange build such as {state.Directory.CmsVersion}, not '{version}'.", "version");
        }

        if (!node.Reachable)
        {
            throw LabActionRules.Refused(call, $"{node.Name} cannot be reached, not even at its console (its site is cut off without console access): nobody can run setup there now.");
        }

        if (node.Version is null)
        {
            throw LabActionRules.Refused(call, $"{node.Name} has no Exchange installed: setup.com /mode:upgrade needs an installation to upgrade. Install the passive mailbox role first (prepare-standby does).");
        }

        if (Version.TryParse(node.Version, out var installed) && installed >= wanted)
        {
            throw LabActionRules.Refused(call, installed == wanted
                ? $"{node.Name} already runs Exchange {node.Version}; there is nothing to upgrade."
                : $"{node.Name} runs Exchange {node.Version}, newer than {version}: setup does not downgrade (remove Exchange and install that build instead).");
        }

        if (SetupRules.HostsOnlineCms(state, site, node))
        {
            throw LabActionRules.Refused(call, $"{state.CmsName} is online on {node.Name}, the active node of {site.ClusterName}: setup does not upgrade the active node. Upgrade a passive node first and move the CMS to it (service-pack-upgrade does).");
        }

        if (SetupRules.InjectedFailure(state, node.Name, SetupArguments.Upgrade) is { } fault)
        {
            throw LabActionRules.Refused(call, $"setup.com /mode:upgrade fails on {node.Name} while the SetupFails fault is injected: {SetupRules.InjectedMessage(fault)}");
        }

        string from = node.Version;
        var outcome = SetupRules.Run(state, now, node.Name, new SetupCommand("/mode:upgrade"), version);
        string retired = outcome.Value is { Succeeded: true }
            ? LabActionRules.Retire(state, LabFaults.ExchangeVersionMismatch, f => string.Equals(f.Parameter("node", string.Empty), node.Name, StringComparison.OrdinalIgnoreCase))
            : string.Empty;
        string result = outcome.Value is { Succeeded: true }
            ? $"{node.Name} was upgraded by hand from Exchange {from} to {node.Version} (setup.com /mode:upgrade; ExchangeSetup.log records the run)."
            : $"setup.com /mode:upgrade did not complete on {node.Name}: {string.Join(" ", outcome.Value?.Errors ?? [outcome.Error ?? "see ExchangeSetup.log"])}";
        return (result + retired, outcome.Records);
    }
}
