namespace RunbookHost.Exchange.Network;

/// <summary>What a probe of a name or address found.</summary>
/// <param name="Target">The name or address probed.</param>
/// <param name="Answers">Whether anything answered.</param>
/// <param name="Detail">What answered or why nothing did.</param>
public sealed record ProbeResult(string Target, bool Answers, string Detail);

/// <summary>Does a name or address answer on the network (ping, or a TCP connect)?</summary>
public interface INetworkProbe
{
    Task<ProbeResult> ProbeAsync(string target, CancellationToken cancellationToken);
}
