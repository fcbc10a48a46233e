namespace RunbookHost.Exchange.Commands;

/// <summary>What a finished command produced.</summary>
/// <param name="ExitCode">The exit code (-1 when the command was stopped or reported none).</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
/// <param name="TimedOut">Whether the transport stopped the command because it ran past its timeout.</param>
public sealed record CommandOutput(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);

/// <summary>
/// Runs one executable with its argument list on a host and captures its output. A transport
/// never interprets the output; it stops the command at the timeout or on cancellation.
/// </summary>
public interface ICommandTransport
{
    /// <summary>Runs the command; throws <see cref="OperationCanceledException"/> when cancelled and <see cref="CommandTransportException"/> when it cannot run it at all.</summary>
    Task<CommandOutput> RunAsync(string host, RenderedCommand command, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>The transport could not run the command at all (host unreachable, authentication refused, executable missing).</summary>
public sealed class CommandTransportException(string message, Exception? inner = null) : Exception(message, inner);
