using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Setup;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>
/// setup.com on the node in RUNBOOK_TARGET, through the lab's setup rules: the run is appended to
/// the node's ExchangeSetup.log in the state, the console output is setup's, the exit code 0 or 1
/// (the drivers judge the log, not the exit code).
/// </summary>
internal static class SetupCom
{
    public static ShimResult Run(ShimContext context)
    {
        string node = context.Invocation.RequireTarget();
        var outcome = SetupRules.Run(context.State, context.Now, node, new SetupCommand(string.Join(' ', context.Arguments)));
        return ShimResult.Of(outcome, errorsToStandardError: true);
    }
}
