using RunbookHost.Exchange.Inspection;

namespace RunbookHost.Lab.State;

/// <summary>What Active Directory holds for the CMS: what /recoverCMS rebuilds from.</summary>
internal sealed class LabDirectory
{
    public string CmsName { get; set; } = string.Empty;

    /// <summary>The CMS's Exchange version (msExchVersion / serial number), raised by /upgradeCMS.</summary>
    public string CmsVersion { get; set; } = string.Empty;

    /// <summary>/clearLocalCMS on Windows 2008 disables the CMS computer object.</summary>
    public bool ComputerAccountEnabled { get; set; } = true;

    public List<LabStorageGroup> StorageGroups { get; set; } = [];
}

/// <summary>A storage group in AD.</summary>
internal sealed class LabStorageGroup
{
    public string Name { get; set; } = string.Empty;

    public string LogPrefix { get; set; } = string.Empty;

    public string LogPath { get; set; } = string.Empty;

    public string SystemPath { get; set; } = string.Empty;

    public List<LabDatabaseConfig> Databases { get; set; } = [];
}

/// <summary>A database in AD.</summary>
internal sealed class LabDatabaseConfig
{
    public string Name { get; set; } = string.Empty;

    public string EdbPath { get; set; } = string.Empty;
}

/// <summary>A database file on the replicated disks: its header and the log stream that belongs to it.</summary>
internal sealed class LabDatabase
{
    public string Name { get; set; } = string.Empty;

    public string StorageGroup { get; set; } = string.Empty;

    public string EdbPath { get; set; } = string.Empty;

    /// <summary>The prefix of the log files on disk (E00...): mounting with another prefix fails.</summary>
    public string LogPrefixOnDisk { get; set; } = string.Empty;

    public DatabaseShutdownState Header { get; set; } = DatabaseShutdownState.CleanShutdown;

    /// <summary>Log generations the header needs, e.g. "4418-4424"; null when clean.</summary>
    public string? LogRequired { get; set; }

    /// <summary>The current log generation of the storage group.</summary>
    public long LogGeneration { get; set; } = 4400;

    /// <summary>Logs the header needs are missing: mounting fails with this ESE error (-543 or -528).</summary>
    public int? MissingLogsError { get; set; }
}
