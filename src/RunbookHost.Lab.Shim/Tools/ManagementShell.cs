using System.Text.RegularExpressions;
using RunbookHost.Lab.Inspection;
using RunbookHost.Lab.Shim.Formats;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>
/// powershell.exe -Command "...; Get-StorageGroup|Get-MailboxDatabase -Server 'CMS' | Format-List ..."
/// or "...; Get-ExchangeServer -Identity 'CMS' | Format-List AdminDisplayVersion": the CMS's AD
/// configuration or build from the lab's rules, printed as that cmdlet's Format-List; an unknown
/// CMS prints nothing on stdout and "could not be found" on stderr.
/// </summary>
internal static partial class ManagementShell
{
    public static ShimResult Run(ShimContext context)
    {
        string script = context.After("-Command") ?? throw new ShimException("The shim's powershell.exe needs -Command \"<script>\".");
        if (ExchangeServer().Match(script) is { Success: true } server)
        {
            return CmsBuild(context, Unquote(server));
        }

        var cmdlet = Cmdlet().Match(script);
        if (!cmdlet.Success)
        {
            throw new ShimException("The shim's powershell.exe only runs Get-StorageGroup or Get-MailboxDatabase -Server '<cms>' | Format-List, or Get-ExchangeServer -Identity '<cms>' | Format-List AdminDisplayVersion.");
        }

        string cms = Unquote(cmdlet);
        var outcome = InspectionRules.CmsConfiguration(context.State, context.Now, cms);
        if (outcome.Value is not { } configuration)
        {
            return ShimResult.Error(1, outcome.Record.OutputExcerpt.Replace("Get-StorageGroup", cmdlet.Groups["cmdlet"].Value, StringComparison.Ordinal), outcome.Records);
        }

        string output = cmdlet.Groups["cmdlet"].Value.Equals("Get-StorageGroup", StringComparison.OrdinalIgnoreCase)
            ? FormatList.StorageGroups(configuration)
            : FormatList.Databases(configuration);
        return ShimResult.Out(output, outcome.Records);
    }

    private static ShimResult CmsBuild(ShimContext context, string cms)
    {
        var outcome = InspectionRules.CmsBuild(context.State, context.Now, cms);
        return outcome.Value is { } build
            ? ShimResult.Out(FormatList.ExchangeServer(build), outcome.Records)
            : ShimResult.Error(1, outcome.Record.OutputExcerpt, outcome.Records);
    }

    private static string Unquote(Match match) => match.Groups["cms"].Value.Replace("''", "'", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<cmdlet>Get-StorageGroup|Get-MailboxDatabase)\s+-Server\s+(?:'(?<cms>(?:[^']|'')*)'|(?<cms>[^\s|;]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Cmdlet();

    [GeneratedRegex(@"Get-ExchangeServer\s+-Identity\s+(?:'(?<cms>(?:[^']|'')*)'|(?<cms>[^\s|;]+))\s*\|\s*Format-List\s+AdminDisplayVersion", RegexOptions.IgnoreCase)]
    private static partial Regex ExchangeServer();
}
