namespace RunbookHost.Exchange.Dns;

/// <summary>One DNS server's answer for a name.</summary>
/// <param name="Server">The server asked (address, or address:port).</param>
/// <param name="Addresses">The A records returned, sorted.</param>
/// <param name="Ttl">The smallest TTL of those records.</param>
/// <param name="Error">Why there is no answer (timeout, NXDOMAIN...), when there is none.</param>
public sealed record DnsAnswer(string Server, IReadOnlyList<string> Addresses, TimeSpan? Ttl, string? Error);

/// <summary>Asks one given DNS server directly, bypassing any local resolver cache.</summary>
public interface IDnsQuery
{
    Task<DnsAnswer> QueryAsync(string server, string name, CancellationToken cancellationToken);
}
