using System.Text.RegularExpressions;
using RunbookHost.Lab.Inspection;
using RunbookHost.Lab.Shim.Formats;

namespace RunbookHost.Lab.Shim.Tools;

/// <summary>
/// powershell.exe -Command "...; Get-StorageGroup|Get-MailboxDatabase -Server 'CMS' | Format-List ...":
/// the CMS's AD configuration from the lab's rule, printed as that cmdlet's Format-List; an unknown
/// CMS prints nothing on stdout and "could not be found" on stderr.
/// </summary>
internal static partial class ManagementShell
{
    public static ShimResult Run(ShimContext context)
    {
        string script = context.After("-Command") ?? throw new ShimException("The shim's powershell.exe needs -Command \"<script>\".");
        var cmdlet = Cmdlet().Match(script);
        if (!cmdlet.Success)
        {
            throw new ShimException("The shim's powershell.exe only runs Get-StorageGroup or Get-MailboxDatabase -Server '<cms>' | Format-List.");
        }

        string cms = cmdlet.Groups["cms"].Value.Replace("''", "'", StringComparison.Ordinal);
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

    [GeneratedRegex(@"(?<cmdlet>Get-StorageGroup|Get-MailboxDatabase)\s+-Server\s+(?:'(?<cms>(?:[^']|'')*)'|(?<cms>[^\s|;]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Cmdlet();
}
