using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Network;
using RunbookHost.Lab.Network;

namespace RunbookHost.Lab.Drivers;

/// <summary>INetworkProbe against the lab (the port has no command log: the ping records go to the lab's recent commands).</summary>
internal sealed class LabNetworkProbe(LabEnvironment lab) : INetworkProbe
{
    public Task<ProbeResult> ProbeAsync(string target, CancellationToken cancellationToken) =>
        lab.ExecuteAsync((state, now) => NetworkRules.Probe(state, now, target), NullCommandLog.Instance, cancellationToken);
}
