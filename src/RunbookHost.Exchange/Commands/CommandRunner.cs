using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbookHost.Exchange.Commands;

/// <summary>What a command produced, secrets already masked.</summary>
internal sealed record CommandResult(CommandRecord Record, string StandardOutput, string StandardError)
{
    public int ExitCode => Record.ExitCode;
}

/// <summary>
/// Runs a rendered command on a host through that host's transport, masks secrets in the command
/// line and the output, reports a <see cref="CommandRecord"/> to the run's command log, and turns
/// a non-zero exit, a timeout or an unreachable host into a <see cref="PortException"/>.
/// </summary>
internal sealed class CommandRunner(IOptions<CommandDriverOptions> options, CommandTransports transports, SecretRedactor redactor, TimeProvider time, ILogger<CommandRunner> logger)
{
    public CommandDriverOptions Options => options.Value;

    /// <param name="host">The host (node, SYMCLI host, filer) to run on.</param>
    /// <param name="command">The command.</param>
    /// <param name="verb">The <see cref="CommandVerbs"/> entry whose timeout applies.</param>
    /// <param name="log">Where the record goes.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <param name="timeout">Overrides the verb's timeout.</param>
    /// <param name="requireSuccess">Whether a non-zero exit code throws.</param>
    public async Task<CommandResult> RunAsync(string host, RenderedCommand command, string verb, ICommandLog log, CancellationToken cancellationToken, TimeSpan? timeout = null, bool requireSuccess = true)
    {
        var secrets = command.SecretValues.ToList();
        string commandLine = redactor.Redact(command.Display, secrets);
        var limit = timeout ?? options.Value.TimeoutFor(verb);
        var transport = transports.For(host);
        Log.CommandStarting(logger, host, commandLine);

        long started = time.GetTimestamp();
        CommandOutput output;
        try
        {
            output = await transport.RunAsync(host, command with { Executable = Map(command.Executable) }, limit, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Report(log, new CommandRecord(host, commandLine, -1, "cancelled", time.GetElapsedTime(started)));
            throw;
        }
        catch (CommandTransportException ex)
        {
            string reason = redactor.Redact(ex.Message, secrets);
            var failed = Report(log, new CommandRecord(host, commandLine, -1, reason, time.GetElapsedTime(started)));
            throw new PortException($"{commandLine} could not run on {host}: {reason}", failed) { HostUnreachable = true };
        }

        string stdout = redactor.Redact(output.StandardOutput, secrets);
        string stderr = redactor.Redact(output.StandardError, secrets);
        var record = Report(log, new CommandRecord(host, commandLine, output.ExitCode, OutputExcerpt.Of(stdout, stderr), time.GetElapsedTime(started)));
        if (output.TimedOut)
        {
            Log.CommandTimedOut(logger, host, commandLine, limit);
            throw new PortException($"{commandLine} on {host} did not finish within {limit} and was stopped.", record);
        }

        if (requireSuccess && output.ExitCode != 0)
        {
            throw new PortException($"{commandLine} on {host} failed with exit code {output.ExitCode}: {Summary(stdout, stderr)}", record);
        }

        return new CommandResult(record, stdout, stderr);
    }

    /// <summary>The last meaningful lines of a failed command, for an error message.</summary>
    public static string Summary(string stdout, string stderr)
    {
        var lines = OutputExcerpt.SplitLines(string.IsNullOrWhiteSpace(stderr) ? stdout : stderr).Where(l => l.Trim().Length > 0).TakeLast(3).Select(l => l.Trim()).ToList();
        return lines.Count == 0 ? "no output" : string.Join(" | ", lines);
    }

    private CommandRecord Report(ICommandLog log, CommandRecord record)
    {
        Log.CommandFinished(logger, record.Target, record.CommandLine, record.ExitCode, record.Duration);
        log.Executed(record);
        return record;
    }

    private string Map(string executable)
    {
        var map = options.Value.ExecutableMap;
        if (map.TryGetValue(executable, out string? mapped))
        {
            return mapped;
        }

        int slash = executable.LastIndexOfAny(['\\', '/']);
        return slash >= 0 && map.TryGetValue(executable[(slash + 1)..], out mapped) ? mapped : executable;
    }
}
