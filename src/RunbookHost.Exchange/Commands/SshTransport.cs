using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace RunbookHost.Exchange.Commands;

/// <summary>
/// Runs commands over SSH (SSH.NET): one connection per command, password or private-key
/// authentication from configuration, the host key checked against the configured fingerprint.
/// </summary>
internal sealed class SshTransport(IOptions<CommandDriverOptions> options, ILogger<SshTransport> logger) : ICommandTransport
{
    public async Task<CommandOutput> RunAsync(string host, RenderedCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var settings = options.Value.HostFor(host);
        string address = string.IsNullOrEmpty(settings.Address) ? host : settings.Address;
        string commandText = RemoteCommandLine.Render(command, settings.Quoting);
        using var client = new SshClient(Connection(address, settings));
        client.HostKeyReceived += (_, e) => e.CanTrust = Trusted(settings, e);

        Log.SshConnecting(logger, host, address, settings.Port, settings.User ?? string.Empty);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is SshException or System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CommandTransportException($"could not connect to {address}:{settings.Port} as '{settings.User}': {ex.Message}", ex);
        }

        using var ssh = client.CreateCommand(commandText);
        try
        {
            await ssh.ExecuteAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CommandOutput(-1, ssh.Result, ssh.Error, TimedOut: true);
        }
        catch (SshException ex)
        {
            throw new CommandTransportException($"the SSH session to {address} failed: {ex.Message}", ex);
        }
        finally
        {
            client.Disconnect();
        }

        return new CommandOutput(ssh.ExitStatus ?? -1, ssh.Result, ssh.Error, TimedOut: false);
    }

    private static ConnectionInfo Connection(string address, HostOptions settings)
    {
        string user = settings.User ?? string.Empty;
        var methods = new List<AuthenticationMethod>();
        if (!string.IsNullOrEmpty(settings.KeyFile))
        {
            var key = string.IsNullOrEmpty(settings.KeyPassphrase) ? new PrivateKeyFile(settings.KeyFile) : new PrivateKeyFile(settings.KeyFile, settings.KeyPassphrase);
            methods.Add(new PrivateKeyAuthenticationMethod(user, key));
        }

        if (!string.IsNullOrEmpty(settings.Password))
        {
            methods.Add(new PasswordAuthenticationMethod(user, settings.Password));
        }

        return new ConnectionInfo(address, settings.Port, user, [.. methods]) { Timeout = TimeSpan.FromSeconds(15) };
    }

    private static bool Trusted(HostOptions settings, HostKeyEventArgs key)
    {
        if (settings.AcceptAnyHostKey)
        {
            return true;
        }

        string expected = (settings.HostKeySha256 ?? string.Empty).Trim();
        expected = expected.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase) ? expected[7..] : expected;
        return expected.TrimEnd('=').Length > 0 && string.Equals(expected.TrimEnd('='), key.FingerPrintSHA256, StringComparison.Ordinal);
    }
}
