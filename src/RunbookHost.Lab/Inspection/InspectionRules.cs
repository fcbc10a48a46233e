using System.Globalization;
using System.Text;
using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Simulation;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Inspection;

/// <summary>Get-StorageGroup / Get-MailboxDatabase / Get-ExchangeServer against AD, reg query of a node's Exchange keys, eseutil /mh on a node.</summary>
internal static class InspectionRules
{
    public static LabOutcome<CmsConfiguration?> CmsConfiguration(LabState state, DateTimeOffset now, string cmsName)
    {
        var command = new LabCommand(SetupDomainController(state), $"Get-StorageGroup -Server {cmsName} | Format-List Name,LogFilePrefix,LogFolderPath,SystemFolderPath; Get-MailboxDatabase -Server {cmsName} | Format-List Name,StorageGroup,EdbFilePath");
        if (!string.Equals(cmsName, state.Directory.CmsName, StringComparison.OrdinalIgnoreCase))
        {
            return command.Ok<CmsConfiguration?>(null, $"Get-StorageGroup : The operation could not be performed because object '{cmsName}' could not be found on domain controller '{SetupDomainController(state)}'.", Durations.DirectoryQuery);
        }

        var output = new StringBuilder();
        foreach (var group in state.Directory.StorageGroups)
        {
            output.Append($"Name             : {group.Name}\nLogFilePrefix    : {group.LogPrefix}\nLogFolderPath    : {group.LogPath}\nSystemFolderPath : {group.SystemPath}\n\n");
        }

        foreach (var group in state.Directory.StorageGroups)
        {
            foreach (var database in group.Databases)
            {
                output.Append($"Name         : {database.Name}\nStorageGroup : {cmsName}\\{group.Name}\nEdbFilePath  : {database.EdbPath}\n\n");
            }
        }

        var configuration = new CmsConfiguration(state.Directory.CmsName, [.. state.Directory.StorageGroups.Select(g =>
            new StorageGroupConfiguration(g.Name, g.LogPrefix, g.LogPath, g.SystemPath, [.. g.Databases.Select(d => new DatabaseConfiguration(d.Name, d.EdbPath))]))]);
        return command.Ok<CmsConfiguration?>(configuration, output.ToString(), Durations.DirectoryQuery);
    }

    /// <summary>The CMS's build in AD (<see cref="LabDirectory.CmsVersion"/>), printed as Exchange 2007's AdminDisplayVersion.</summary>
    public static LabOutcome<string?> CmsBuild(LabState state, DateTimeOffset now, string cmsName)
    {
        var command = new LabCommand(SetupDomainController(state), $"Get-ExchangeServer -Identity {cmsName} | Format-List AdminDisplayVersion");
        if (!string.Equals(cmsName, state.Directory.CmsName, StringComparison.OrdinalIgnoreCase))
        {
            return command.Ok<string?>(null, $"Get-ExchangeServer : The operation couldn't be performed because object '{cmsName}' couldn't be found on '{SetupDomainController(state)}'.", Durations.DirectoryQuery);
        }

        return command.Ok<string?>(state.Directory.CmsVersion, $"AdminDisplayVersion : {AdminDisplayVersion(state.Directory.CmsVersion)}\n", Durations.DirectoryQuery);
    }

    /// <summary>A build as Exchange 2007 displays it: 8.1.240.6 is "Version 8.1 (Build 240.6)".</summary>
    public static string AdminDisplayVersion(string build) =>
        build.Split('.') is [var major, var minor, var number, var revision] ? $"Version {major}.{minor} (Build {number}.{revision})" : build;

    public static LabOutcome<NodeInstallation> Installation(LabState state, DateTimeOffset now, string node)
    {
        var command = new LabCommand(node, $"reg query \"\\\\{node}\\HKLM\\SOFTWARE\\Microsoft\\Exchange\\v8.0\" /s");
        if (state.Node(node) is not { Reachable: true } target)
        {
            return command.Fail<NodeInstallation>(1, "ERROR: The network path was not found.", Durations.RpcTimeout, $"{node}: reg query failed: ERROR: The network path was not found.");
        }

        if (target.Version is null)
        {
            // reg.exe fails (exit 1) but the answer is meaningful: Exchange is not installed.
            return new LabOutcome<NodeInstallation>(
                [command.Record(1, "ERROR: The system was unable to find the specified registry key or value.", Durations.RegistryQuery)],
                new NodeInstallation(target.Name, [], null, false, null),
                null);
        }

        string[] parts = target.Version.Split('.');
        var output = new StringBuilder();
        output.Append("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Exchange\\v8.0\\Setup\n");
        output.Append(CultureInfo.InvariantCulture, $"    MsiProductMajor    REG_DWORD    0x{int.Parse(parts[0], CultureInfo.InvariantCulture):x}\n");
        output.Append(CultureInfo.InvariantCulture, $"    MsiProductMinor    REG_DWORD    0x{int.Parse(parts.ElementAtOrDefault(1) ?? "0", CultureInfo.InvariantCulture):x}\n");
        output.Append(CultureInfo.InvariantCulture, $"    MsiBuildMajor    REG_DWORD    0x{int.Parse(parts.ElementAtOrDefault(2) ?? "0", CultureInfo.InvariantCulture):x}\n");
        output.Append(CultureInfo.InvariantCulture, $"    MsiBuildMinor    REG_DWORD    0x{int.Parse(parts.ElementAtOrDefault(3) ?? "0", CultureInfo.InvariantCulture):x}\n\n");
        foreach (string role in target.Roles)
        {
            output.Append($"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Exchange\\v8.0\\{role}Role\n    ConfiguredVersion    REG_SZ    {target.Version}\n\n");
        }

        if (target.PassiveClusteredMailbox || target.SetupWatermark is not null)
        {
            output.Append("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Exchange\\v8.0\\ClusteredMailboxServer\n");
            output.Append(target.SetupAction is null ? string.Empty : $"    Action    REG_SZ    {target.SetupAction}\n");
            output.Append(target.SetupWatermark is null ? string.Empty : $"    Watermark    REG_SZ    {target.SetupWatermark}\n");
        }

        var installation = new NodeInstallation(target.Name, [.. target.Roles], target.Version, target.PassiveClusteredMailbox, target.SetupWatermark);
        return command.Ok(installation, output.ToString(), Durations.RegistryQuery);
    }

    public static LabOutcome<DatabaseHeader> Header(LabState state, DateTimeOffset now, string node, string edbPath)
    {
        var command = new LabCommand(node, $"eseutil /mh \"{edbPath}\"");
        const string Banner = "Extensible Storage Engine Utilities for Microsoft(R) Exchange Server\nVersion 08.01\nCopyright (C) Microsoft Corporation. All Rights Reserved.\n\nInitiating FILE DUMP mode...\n";
        if (state.Node(node) is not { Reachable: true } target)
        {
            return command.Fail<DatabaseHeader>(1722, $"Connecting to remote server {node} failed: The RPC server is unavailable.", Durations.RpcTimeout);
        }

        var site = state.SiteOfNode(target.Name)!;
        string dump = $"{Banner}         Database: {edbPath}\n\n";
        var disk = site.DiskFor(edbPath);
        var database = state.DatabaseByPath(edbPath);
        bool elsewhere = disk is not null && disk.State == ClusterState.Online && !string.Equals(site.OwnerOf(disk), target.Name, StringComparison.OrdinalIgnoreCase);
        if (disk is null || database is null || !state.DeviceWritable(site, disk) || elsewhere)
        {
            return command.Fail<DatabaseHeader>(-1811, dump + "\nOperation terminated with error -1811 (JET_errFileNotFound, File not found) after 0.16 seconds.\n", Durations.EseutilHeader,
                $"eseutil /mh \"{edbPath}\" on {target.Name}: error -1811 (JET_errFileNotFound){(disk is null ? string.Empty : $": {disk.Name} is not readable from {target.Name} ({(elsewhere ? "online on " + site.OwnerOf(disk) : "write-disabled or offline")})")}.");
        }

        var instance = site.Resources.FirstOrDefault(r => r.Type == ResourceTypes.DatabaseInstance && r.State == ClusterState.Online
            && string.Equals(r.Property("Database"), database.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Property("StorageGroup"), database.StorageGroup, StringComparison.OrdinalIgnoreCase));
        if (instance is not null)
        {
            return command.Fail<DatabaseHeader>(-1032, dump + "\nOperation terminated with error -1032 (JET_errFileAccessDenied, Cannot access file, the file is locked or in use) after 0.31 seconds.\n", Durations.EseutilHeader,
                $"eseutil /mh \"{edbPath}\" on {target.Name}: error -1032 (JET_errFileAccessDenied): the database is mounted.");
        }

        // An incomplete copy is no consistent database, whatever state its header track had when it arrived.
        bool dirty = database.Header == DatabaseShutdownState.DirtyShutdown || state.IncompleteCopyOf(site, database) is not null;
        string required = dirty ? database.LogRequired ?? $"{database.LogGeneration}-{database.LogGeneration}" : "0-0";
        var header = new DatabaseHeader(edbPath, dirty ? DatabaseShutdownState.DirtyShutdown : DatabaseShutdownState.CleanShutdown, dirty ? required : null);
        string hex = dirty ? $" (0x{Range(required, 0):x}-0x{Range(required, 1):x})" : " (0x0-0x0)";
        string output = dump + "\nDATABASE HEADER:\nChecksum Information:\nExpected Checksum: 0x0133a7e2\n  Actual Checksum: 0x0133a7e2\n\nFields:\n        File Type: Database\n         Format ulMagic: 0x89abcdef\n"
            + $"            State: {(dirty ? "Dirty Shutdown" : "Clean Shutdown")}\n     Log Required: {required}{hex}\n    Log Committed: 0-{(dirty ? Range(required, 1) : 0)}\n   Log Signature: Create time:08/03/2007 16:46:12 Rand:2436728 Computer:\n"
            + $"\nOperation completed successfully in 0.94 seconds.\n";
        return command.Ok(header, output, Durations.EseutilHeader);
    }

    private static long Range(string range, int index) =>
        long.TryParse(range.Split('-').ElementAtOrDefault(index), CultureInfo.InvariantCulture, out long value) ? value : 0;

    private static string SetupDomainController(LabState state) => $"DC-{state.Sites[0].Name.ToUpperInvariant()}01.{state.Settings.Domain.ToLowerInvariant()}.com";
}
