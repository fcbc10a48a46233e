using System.Text;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Inspection;

namespace RunbookHost.Lab.Shim.Formats;

/// <summary>
/// PowerShell's Format-List of Get-StorageGroup (Name, LogFilePrefix, LogFolderPath, SystemFolderPath)
/// and Get-MailboxDatabase (Name, StorageGroupName, EdbFilePath) and Get-ExchangeServer
/// (AdminDisplayVersion, e.g. "Version 8.1 (Build 240.6)"): a blank line, then one record per
/// object with the colons aligned, records separated by blank lines.
/// </summary>
internal static class FormatList
{
    public static string StorageGroups(CmsConfiguration configuration) =>
        Records(configuration.StorageGroups.Select(g => new[]
        {
            ("Name", g.Name), ("LogFilePrefix", g.LogPrefix), ("LogFolderPath", g.LogPath), ("SystemFolderPath", g.SystemPath),
        }));

    public static string Databases(CmsConfiguration configuration) =>
        Records(configuration.StorageGroups.SelectMany(g => g.Databases.Select(d => new[]
        {
            ("Name", d.Name), ("StorageGroupName", g.Name), ("EdbFilePath", d.EdbPath),
        })));

    public static string ExchangeServer(string build) =>
        Records([[("AdminDisplayVersion", InspectionRules.AdminDisplayVersion(build))]]);

    private static string Records(IEnumerable<(string Name, string Value)[]> records)
    {
        var text = new StringBuilder("\n");
        foreach (var fields in records)
        {
            int width = fields.Max(f => f.Name.Length);
            foreach (var (name, value) in fields)
            {
                text.Append(name.PadRight(width)).Append(" : ").Append(value).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
