using RunbookHost.Exchange.Commands;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.OperatorActions;

/// <summary>Re-enabling the CMS computer object in AD, as the clear-local-cms manual step asks (dsmod on a domain controller).</summary>
internal static class ComputerAccountAction
{
    public static (string Message, IReadOnlyList<CommandRecord> Records) Enable(LabState state, ActionCall call)
    {
        string cms = state.Directory.CmsName.Length > 0 ? state.Directory.CmsName : state.CmsName;
        if (state.Directory.ComputerAccountEnabled)
        {
            throw LabActionRules.Refused(call, $"The computer account of {cms} is already enabled in Active Directory; there is nothing to re-enable.");
        }

        string domain = state.Settings.Domain.ToLowerInvariant();
        string dn = $"CN={cms},CN=Computers,DC={domain},DC=com";
        state.Directory.ComputerAccountEnabled = true;
        var record = LabActionRules.Record(LabActionRules.DomainController(state, LabActionRules.LiveSite(state)), $"dsmod computer \"{dn}\" -disabled no", $"dsmod succeeded:{dn}", TimeSpan.FromSeconds(3));
        return ($"The computer account of {cms} is enabled again in Active Directory: its Network Name can come online (a restart, a move between nodes).", [record]);
    }
}
