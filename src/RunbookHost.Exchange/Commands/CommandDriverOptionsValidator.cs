using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Commands;

/// <summary>Checks <c>Runbook:Commands</c> and the replication groups' adapter settings at start-up; every error names the setting.</summary>
internal sealed class CommandDriverOptionsValidator(SccTopology topology) : IValidateOptions<CommandDriverOptions>
{
    private const string At = CommandDriverOptions.Section;

    public ValidateOptionsResult Validate(string? name, CommandDriverOptions options)
    {
        var errors = new List<string>();
        foreach (var (host, settings) in options.Hosts)
        {
            ValidateHost($"{At}:Hosts:{host}", settings, errors);
        }

        ValidateHost($"{At}:DefaultHost", options.DefaultHost, errors);
        foreach (var (executable, path) in options.ExecutableMap.Where(m => !File.Exists(m.Value)))
        {
            errors.Add($"{At}:ExecutableMap:{executable}: '{path}' does not exist.");
        }

        foreach (var (verb, timeout) in options.Timeouts.Where(t => t.Value <= TimeSpan.Zero))
        {
            errors.Add($"{At}:Timeouts:{verb} must be positive (found {timeout}).");
        }

        if (options.Probe.Timeout <= TimeSpan.Zero || options.Probe.Timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{At}:Probe:Timeout must be between 0 and 1 minute (found {options.Probe.Timeout}).");
        }

        errors.AddRange(options.Probe.TcpPorts.Where(p => p is < 1 or > 65535).Select(p => $"{At}:Probe:TcpPorts: {p} is not a TCP port."));
        if (options.DnsTimeout <= TimeSpan.Zero || options.DnsTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{At}:DnsTimeout must be between 0 and 30 seconds (found {options.DnsTimeout}).");
        }

        // Static checks: the adapters themselves need these options, so they cannot validate them through DI.
        foreach (var group in topology.ReplicationGroups)
        {
            errors.AddRange(group.Adapter.ToLowerInvariant() switch
            {
                "srdf" => SrdfAdapter.Validate(group, topology),
                "snapmirror" => SnapMirrorAdapter.Validate(group, topology),
                "generic" => GenericAdapter.Validate(group, topology),
                _ => [],
            });
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateHost(string at, HostOptions host, List<string> errors)
    {
        if (host.Transport != TransportKind.Ssh)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(host.User))
        {
            errors.Add($"{at}:User is needed for SSH.");
        }

        if (string.IsNullOrEmpty(host.Password) && string.IsNullOrEmpty(host.KeyFile))
        {
            errors.Add($"{at}: SSH needs Password or KeyFile.");
        }

        if (!string.IsNullOrEmpty(host.KeyFile) && !File.Exists(host.KeyFile))
        {
            errors.Add($"{at}:KeyFile '{host.KeyFile}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(host.HostKeySha256) && !host.AcceptAnyHostKey)
        {
            errors.Add($"{at}:HostKeySha256 must hold the host key's SHA256 fingerprint (or set AcceptAnyHostKey for a lab).");
        }

        if (host.Port is < 1 or > 65535)
        {
            errors.Add($"{at}:Port {host.Port} is not a TCP port.");
        }
    }
}
