using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Dns;
using RunbookHost.Lab.Dns;

namespace RunbookHost.Lab.Drivers;

/// <summary>IDnsQuery against the lab's DNS servers (the port has no command log: the nslookup records go to the lab's recent commands).</summary>
internal sealed class LabDnsQuery(LabEnvironment lab) : IDnsQuery
{
    public Task<DnsAnswer> QueryAsync(string server, string name, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => DnsRules.Query(state, now, server, name), NullCommandLog.Instance, cancellationToken);
}
