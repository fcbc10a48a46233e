using RunbookHost.Lab.Inspection;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>eseutil /mh "&lt;edb&gt;" on the node in RUNBOOK_TARGET, through the lab's header rule (exit code the ESE error, e.g. -1811).</summary>
internal static class Eseutil
{
    public static ShimResult Run(ShimContext context)
    {
        var arguments = context.Arguments;
        if (arguments.Count != 2 || !arguments[0].Equals("/mh", StringComparison.OrdinalIgnoreCase))
        {
            throw new ShimException("The shim's eseutil only runs: /mh \"<path to .edb>\".");
        }

        var outcome = InspectionRules.Header(context.State, context.Now, context.Invocation.RequireTarget(), arguments[1].Trim('"'));

        // An unreachable node is the transport's failure, not eseutil's output.
        return ShimResult.Of(outcome, errorsToStandardError: outcome.Record.ExitCode == 1722);
    }
}
