using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Network;

/// <summary>Does a name or address answer: an ICMP echo, then a TCP connect to each configured port, each bounded by the probe timeout.</summary>
internal sealed class NetworkProbeDriver(IOptions<CommandDriverOptions> options) : INetworkProbe
{
    public async Task<ProbeResult> ProbeAsync(string target, CancellationToken cancellationToken)
    {
        var probe = options.Value.Probe;
        var misses = new List<string>();
        if (probe.Ping)
        {
            string? answer = await PingAsync(target, probe.Timeout, misses, cancellationToken);
            if (answer is not null)
            {
                return new ProbeResult(target, true, answer);
            }
        }

        foreach (int port in probe.TcpPorts)
        {
            string? answer = await ConnectAsync(target, port, probe.Timeout, misses, cancellationToken);
            if (answer is not null)
            {
                return new ProbeResult(target, true, answer);
            }
        }

        return new ProbeResult(target, false, misses.Count == 0 ? "no probe is configured" : string.Join("; ", misses));
    }

    private static async Task<string?> PingAsync(string target, TimeSpan timeout, List<string> misses, CancellationToken cancellationToken)
    {
        using var ping = new Ping();
        try
        {
            var reply = await ping.SendPingAsync(target, timeout, cancellationToken: cancellationToken);
            if (reply.Status == IPStatus.Success)
            {
                return $"{reply.Address} answered ping in {reply.RoundtripTime} ms";
            }

            misses.Add($"ping: {reply.Status}");
        }
        catch (PingException ex)
        {
            misses.Add($"ping: {ex.InnerException?.Message ?? ex.Message}");
        }

        return null;
    }

    private static async Task<string?> ConnectAsync(string target, int port, TimeSpan timeout, List<string> misses, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(target, port, deadline.Token);
            return $"{target} accepted a TCP connection on port {port}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            misses.Add($"tcp/{port}: no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException ex)
        {
            misses.Add($"tcp/{port}: {ex.SocketErrorCode}");
        }

        return null;
    }
}
