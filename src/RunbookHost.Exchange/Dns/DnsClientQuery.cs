using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Dns;

/// <summary>
/// Asks one DNS server directly (DnsClient, no cache, one retry, a short timeout); <c>server</c> is
/// an address or <c>address:port</c>. Timeouts, NXDOMAIN and empty answers come back as <see cref="DnsAnswer.Error"/>.
/// </summary>
internal sealed class DnsClientQuery(IOptions<CommandDriverOptions> options, ILogger<DnsClientQuery> logger) : IDnsQuery
{
    private readonly ConcurrentDictionary<string, LookupClient> clients = new(StringComparer.OrdinalIgnoreCase);

    public async Task<DnsAnswer> QueryAsync(string server, string name, CancellationToken cancellationToken)
    {
        if (!TryParseServer(server, out var endpoint))
        {
            return Failed(server, name, $"'{server}' is not an IP address or address:port.");
        }

        var client = clients.GetOrAdd(server, _ => new LookupClient(new LookupClientOptions(new NameServer(endpoint))
        {
            UseCache = false,
            Timeout = options.Value.DnsTimeout,
            Retries = 1,
            UseTcpFallback = true,
            UseRandomNameServer = false,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
        }));

        IDnsQueryResponse response;
        try
        {
            response = await client.QueryAsync(name, QueryType.A, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException ex)
        {
            return Failed(server, name, ex.Code == DnsResponseCode.ConnectionTimeout ? $"no answer from {server} (timed out)" : ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(server, name, $"no answer from {server} (timed out)");
        }

        if (response.HasError)
        {
            string code = response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain ? "NXDOMAIN" : response.Header.ResponseCode.ToString();
            return Failed(server, name, $"{code}: {response.ErrorMessage}");
        }

        var records = response.Answers.ARecords().ToList();
        if (records.Count == 0)
        {
            return Failed(server, name, $"{name} has no A record at {server}.");
        }

        var addresses = records.Select(r => r.Address).Distinct().OrderBy(a => a.GetAddressBytes(), ByteOrder.Instance).Select(a => a.ToString()).ToList();
        return new DnsAnswer(server, addresses, TimeSpan.FromSeconds(records.Min(r => r.TimeToLive)), null);
    }

    /// <summary>"10.0.0.53", "10.0.0.53:5353", "[::1]:5353" or "::1".</summary>
    internal static bool TryParseServer(string server, out IPEndPoint endpoint)
    {
        // IPAddress.TryParse accepts "[::1]:5353" but drops the port: try the endpoint form first.
        if (IPEndPoint.TryParse(server, out var parsed) && parsed.Port != 0)
        {
            endpoint = parsed;
            return true;
        }

        if (IPAddress.TryParse(server, out var address) && !server.Contains("]:", StringComparison.Ordinal))
        {
            endpoint = new IPEndPoint(address, 53);
            return true;
        }

        endpoint = new IPEndPoint(IPAddress.None, 0);
        return false;
    }

    private DnsAnswer Failed(string server, string name, string error)
    {
        Log.DnsQueryFailed(logger, name, server, error);
        return new DnsAnswer(server, [], null, error);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y)
        {
            if (x is null || y is null)
            {
                return (x is null ? 0 : 1) - (y is null ? 0 : 1);
            }

            int byLength = x.Length.CompareTo(y.Length);
            return byLength != 0 ? byLength : x.AsSpan().SequenceCompareTo(y);
        }
    }
}
