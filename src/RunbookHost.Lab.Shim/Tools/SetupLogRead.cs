using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>
/// <c>cmd.exe /c type "%SystemDrive%\ExchangeSetupLogs\ExchangeSetup.log"</c> on the node in
/// RUNBOOK_TARGET: prints the whole log the lab keeps for that node (no rule runs, nothing is saved).
/// </summary>
internal static class SetupLogRead
{
    private const string LogFile = "ExchangeSetup.log";

    public static ShimResult Run(ShimContext context)
    {
        var arguments = context.Arguments;
        if (arguments.Count != 3 || !arguments[0].Equals("/c", StringComparison.OrdinalIgnoreCase) || !arguments[1].Equals("type", StringComparison.OrdinalIgnoreCase)
            || !arguments[2].Trim('"').EndsWith(@"\ExchangeSetupLogs\" + LogFile, StringComparison.OrdinalIgnoreCase))
        {
            throw new ShimException($"The shim's cmd.exe only runs: /c type \"%SystemDrive%\\ExchangeSetupLogs\\{LogFile}\".");
        }

        string name = context.Invocation.RequireTarget();
        return context.State.Node(name) switch
        {
            null or { Reachable: false } => ShimResult.Error(1, "The network path was not found."),
            { SetupLog.Length: 0 } => ShimResult.Error(1, "The system cannot find the file specified."),
            var node => new ShimResult(0, node.SetupLog, string.Empty, []),
        };
    }
}
