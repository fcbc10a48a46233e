using RunbookHost.Lab.Inspection;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>reg.exe query "HKLM\SOFTWARE\Microsoft\Exchange\v8.0" /s on the node in RUNBOOK_TARGET, through the lab's installation rule.</summary>
internal static class RegQuery
{
    private const string ExchangeKey = @"HKLM\SOFTWARE\Microsoft\Exchange\v8.0";
    private const string NotFound = "ERROR: The system was unable to find the specified registry key or value.";

    public static ShimResult Run(ShimContext context)
    {
        var arguments = context.Arguments;
        if (arguments.Count < 2 || !arguments[0].Equals("query", StringComparison.OrdinalIgnoreCase))
        {
            throw new ShimException($"The shim's reg.exe only runs: query \"{ExchangeKey}\" /s.");
        }

        // reg query \\NODE\HKLM\... addresses the node itself.
        string key = arguments[1].Trim('"');
        key = key.StartsWith(@"\\", StringComparison.Ordinal) ? key[(key.IndexOf('\\', 2) + 1)..] : key;
        if (!key.Equals(ExchangeKey, StringComparison.OrdinalIgnoreCase) && !key.Equals(@"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Exchange\v8.0", StringComparison.OrdinalIgnoreCase))
        {
            return ShimResult.Error(1, NotFound);
        }

        var outcome = InspectionRules.Installation(context.State, context.Now, context.Invocation.RequireTarget());
        return outcome.Record.ExitCode == 0
            ? ShimResult.Out("\n" + outcome.Record.OutputExcerpt + "\n", outcome.Records)
            : ShimResult.Error(1, outcome.Record.OutputExcerpt, outcome.Records);
    }
}
