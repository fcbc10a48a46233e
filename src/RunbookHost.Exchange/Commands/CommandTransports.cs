using Microsoft.Extensions.Options;

namespace RunbookHost.Exchange.Commands;

/// <summary>Chooses the transport for a host from <c>Runbook:Commands:Hosts</c>.</summary>
internal sealed class CommandTransports(IOptions<CommandDriverOptions> options, ICommandTransport local, ICommandTransport ssh)
{
    public ICommandTransport For(string host) => options.Value.HostFor(host).Transport == TransportKind.Ssh ? ssh : local;
}
