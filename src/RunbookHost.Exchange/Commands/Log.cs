using Microsoft.Extensions.Logging;

namespace RunbookHost.Exchange.Commands;

/// <summary>The command drivers' log messages (command lines are already redacted), with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Running on {Host}: {CommandLine}")]
    public static partial void CommandStarting(ILogger logger, string host, string commandLine);

    [LoggerMessage(3001, LogLevel.Information, "Finished on {Host}: {CommandLine} -> exit {ExitCode} after {Duration}")]
    public static partial void CommandFinished(ILogger logger, string host, string commandLine, int exitCode, TimeSpan duration);

    [LoggerMessage(3002, LogLevel.Warning, "Stopped on {Host} after the {Timeout} timeout: {CommandLine}")]
    public static partial void CommandTimedOut(ILogger logger, string host, string commandLine, TimeSpan timeout);

    [LoggerMessage(3003, LogLevel.Debug, "Connecting over SSH to {Host} ({Address}:{Port}) as {User}")]
    public static partial void SshConnecting(ILogger logger, string host, string address, int port, string user);

    [LoggerMessage(3010, LogLevel.Debug, "DNS query of {Name} at {Server} failed: {Error}")]
    public static partial void DnsQueryFailed(ILogger logger, string name, string server, string error);
}
