using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Inspection;

/// <summary>A storage group as Active Directory configures it.</summary>
public sealed record StorageGroupConfiguration(string Name, string LogPrefix, string LogPath, string SystemPath, IReadOnlyList<DatabaseConfiguration> Databases);

/// <summary>A database as Active Directory configures it.</summary>
public sealed record DatabaseConfiguration(string Name, string EdbPath);

/// <summary>The CMS's configuration in Active Directory: what /recoverCMS rebuilds from.</summary>
public sealed record CmsConfiguration(string Name, IReadOnlyList<StorageGroupConfiguration> StorageGroups);

/// <summary>What is installed on a node.</summary>
/// <param name="Node">The node.</param>
/// <param name="Roles">Installed Exchange roles (e.g. "Mailbox").</param>
/// <param name="Version">Exchange build, e.g. "8.1.240.6"; null when Exchange is not installed.</param>
/// <param name="PassiveClusteredMailbox">Whether the passive clustered mailbox role is installed.</param>
/// <param name="SetupWatermark">A half-finished setup's watermark under HKLM\...\ClusteredMailboxServer, if any.</param>
public sealed record NodeInstallation(string Node, IReadOnlyList<string> Roles, string? Version, bool PassiveClusteredMailbox, string? SetupWatermark);

/// <summary>Shutdown state of a database header, as <c>eseutil /mh</c> reports it.</summary>
public enum DatabaseShutdownState
{
    CleanShutdown,
    DirtyShutdown,
}

/// <summary>A database header: its state and, when dirty, the log generations it needs.</summary>
public sealed record DatabaseHeader(string EdbPath, DatabaseShutdownState State, string? LogRequired);

/// <summary>Reads the CMS's AD configuration and build, node installations and database headers.</summary>
public interface IExchangeInspection
{
    /// <summary>The CMS's configuration in AD; null when AD has no such CMS.</summary>
    Task<CmsConfiguration?> GetCmsConfigurationAsync(string cmsName, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>
    /// The CMS's Exchange build in AD (e.g. "8.1.240.6"), the build /recoverCMS requires of a node;
    /// null when AD has no such CMS.
    /// </summary>
    Task<string?> GetCmsBuildAsync(string cmsName, ICommandLog log, CancellationToken cancellationToken);

    Task<NodeInstallation> GetInstallationAsync(string node, ICommandLog log, CancellationToken cancellationToken);

    /// <summary>Runs <c>eseutil /mh</c> on a node that can read the database file.</summary>
    Task<DatabaseHeader> GetDatabaseHeaderAsync(string node, string edbPath, ICommandLog log, CancellationToken cancellationToken);
}
