namespace RunbookHost.Exchange.Inspection;

/// <summary>Builds the CMS configuration from Get-StorageGroup and Get-MailboxDatabase <c>Format-List</c> output.</summary>
internal static class CmsConfigurationReader
{
    public static CmsConfiguration Read(string cmsName, string storageGroups, string databases)
    {
        var dbs = FormatListParser.Parse(databases)
            .Select(d => (Group: Field(d, "StorageGroupName"), Database: new DatabaseConfiguration(Field(d, "Name"), Field(d, "EdbFilePath"))))
            .ToList();
        var groups = FormatListParser.Parse(storageGroups)
            .Select(g => new StorageGroupConfiguration(
                Field(g, "Name"),
                Field(g, "LogFilePrefix"),
                Field(g, "LogFolderPath"),
                Field(g, "SystemFolderPath"),
                dbs.Where(d => string.Equals(d.Group, Field(g, "Name"), StringComparison.OrdinalIgnoreCase)).Select(d => d.Database).ToList()))
            .ToList();
        return new CmsConfiguration(cmsName, groups);
    }

    private static string Field(IReadOnlyDictionary<string, string> record, string name) => record.TryGetValue(name, out string? value) ? value : string.Empty;
}
