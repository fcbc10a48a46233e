using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Inspection;

/// <summary>
/// Reads the CMS's AD configuration and build through the Exchange Management Shell (<c>Format-List</c>
/// output: Exchange 2007 runs on PowerShell 1.0/2.0, which has no ConvertTo-Json), a node's
/// installation from the registry (<c>reg query ... /s</c>) and database headers with <c>eseutil /mh</c>.
/// </summary>
internal sealed class InspectionCommandDriver(CommandRunner runner, SccTopology topology) : IExchangeInspection
{
    public const string ExchangeKey = @"HKLM\SOFTWARE\Microsoft\Exchange\v8.0";
    private const string Snapin = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin";

    public async Task<CmsConfiguration?> GetCmsConfigurationAsync(string cmsName, ICommandLog log, CancellationToken cancellationToken)
    {
        var (host, groups) = await RunOnManagementHostAsync(StorageGroupsCommand(cmsName), log, cancellationToken);
        if (NotFound(groups))
        {
            return null;
        }

        Ensure(groups);
        var databases = await runner.RunAsync(host, DatabasesCommand(cmsName), CommandVerbs.Inspection, log, cancellationToken, requireSuccess: false);
        Ensure(databases);
        return CmsConfigurationReader.Read(cmsName, groups.StandardOutput, databases.StandardOutput);
    }

    public async Task<string?> GetCmsBuildAsync(string cmsName, ICommandLog log, CancellationToken cancellationToken)
    {
        var (_, result) = await RunOnManagementHostAsync(ExchangeServerCommand(cmsName), log, cancellationToken);
        if (NotFound(result))
        {
            return null;
        }

        Ensure(result);
        try
        {
            return ExchangeServerVersionReader.Read(cmsName, result.StandardOutput);
        }
        catch (FormatException ex)
        {
            throw new PortException(ex.Message, result.Record);
        }
    }

    public async Task<NodeInstallation> GetInstallationAsync(string node, ICommandLog log, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(node, RegistryCommand(), CommandVerbs.Inspection, log, cancellationToken, requireSuccess: false);
        if (result.ExitCode != 0 && !result.StandardError.Contains("unable to find", StringComparison.OrdinalIgnoreCase))
        {
            Ensure(result);
        }

        return InstallationReader.Read(node, result.ExitCode == 0 ? result.StandardOutput : string.Empty);
    }

    public async Task<DatabaseHeader> GetDatabaseHeaderAsync(string node, string edbPath, ICommandLog log, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(node, EseutilCommand(edbPath), CommandVerbs.Eseutil, log, cancellationToken);
        try
        {
            return EseutilHeaderParser.Parse(edbPath, result.StandardOutput);
        }
        catch (FormatException ex)
        {
            throw new PortException(ex.Message, result.Record);
        }
    }

    /// <summary>
    /// The hosts with the Exchange Management Shell, in the order they are tried: the one configured, else
    /// every node of the topology, the one that last answered first. A node that cannot be reached (its
    /// site down, as when activation runs) gives way to the next; any other failure is the answer.
    /// </summary>
    internal IReadOnlyList<string> ManagementHosts
    {
        get
        {
            if (runner.Options.ManagementHost is { Length: > 0 } configured)
            {
                return [configured];
            }

            var nodes = topology.Sites.SelectMany(s => s.Nodes).ToList();
            if (nodes.Count == 0)
            {
                return ["localhost"];
            }

            string? last = _lastAnswered;
            return last is not null && nodes.Remove(last) ? [last, .. nodes] : nodes;
        }
    }

    private volatile string? _lastAnswered;

    private async Task<(string Host, CommandResult Result)> RunOnManagementHostAsync(RenderedCommand command, ICommandLog log, CancellationToken cancellationToken)
    {
        var hosts = ManagementHosts;
        for (int i = 0; ; i++)
        {
            try
            {
                var result = await runner.RunAsync(hosts[i], command, CommandVerbs.Inspection, log, cancellationToken, requireSuccess: false);
                _lastAnswered = hosts[i];
                return (hosts[i], result);
            }
            catch (PortException ex) when (ex.HostUnreachable && i < hosts.Count - 1)
            {
                // Tried and logged; the next node may be at a site that is up.
            }
        }
    }

    internal RenderedCommand StorageGroupsCommand(string cms) =>
        Shell($"{Snapin}; Get-StorageGroup -Server {Quote(cms)} | Format-List Name,LogFilePrefix,LogFolderPath,SystemFolderPath | Out-String -Width 4096");

    internal RenderedCommand DatabasesCommand(string cms) =>
        Shell($"{Snapin}; Get-MailboxDatabase -Server {Quote(cms)} | Format-List Name,StorageGroupName,EdbFilePath | Out-String -Width 4096");

    internal RenderedCommand ExchangeServerCommand(string cms) =>
        Shell($"{Snapin}; Get-ExchangeServer -Identity {Quote(cms)} | Format-List AdminDisplayVersion | Out-String -Width 4096");

    internal RenderedCommand RegistryCommand() =>
        new(runner.Options.Executables.Reg, [Arg.Plain("query"), Arg.Quoted(ExchangeKey), Arg.Plain("/s")]);

    internal RenderedCommand EseutilCommand(string edbPath) =>
        new(runner.Options.Executables.Eseutil, [Arg.Plain("/mh"), Arg.Quoted(edbPath)]);

    private RenderedCommand Shell(string script) =>
        new(runner.Options.Executables.PowerShell, [Arg.Plain("-NoProfile"), Arg.Plain("-NonInteractive"), Arg.Plain("-Command"), Arg.Quoted(script)]);

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static bool NotFound(CommandResult result) =>
        result.StandardOutput.Trim().Length == 0
        && (result.StandardError.Contains("could not be found", StringComparison.OrdinalIgnoreCase) || result.StandardError.Contains("couldn't be found", StringComparison.OrdinalIgnoreCase));

    private static void Ensure(CommandResult result)
    {
        if (result.ExitCode != 0 || (result.StandardOutput.Trim().Length == 0 && result.StandardError.Trim().Length > 0))
        {
            throw new PortException($"{result.Record.CommandLine} on {result.Record.Target} failed (exit code {result.ExitCode}): {CommandRunner.Summary(result.StandardOutput, result.StandardError)}", result.Record);
        }
    }
}
