namespace RunbookHost.Exchange.Commands;

/// <summary>One command a driver ran (or the lab simulated): what, where, how it ended, and an excerpt of its output.</summary>
/// <param name="Target">The node or host it ran on (or the array / DNS server it addressed).</param>
/// <param name="CommandLine">The exact command line, with secrets redacted.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="OutputExcerpt">The start and end of its output, secrets redacted.</param>
/// <param name="Duration">How long it took.</param>
public sealed record CommandRecord(string Target, string CommandLine, int ExitCode, string OutputExcerpt, TimeSpan Duration);

/// <summary>Where drivers report each command they run; activities journal them as <c>CommandExecuted</c>.</summary>
public interface ICommandLog
{
    void Executed(CommandRecord record);
}

/// <summary>A command log that drops everything (for read-only probes outside a run).</summary>
public sealed class NullCommandLog : ICommandLog
{
    public static readonly NullCommandLog Instance = new();

    public void Executed(CommandRecord record)
    {
    }
}

/// <summary>A port operation failed; the message says what the real system answered.</summary>
public sealed class PortException(string message, CommandRecord? command = null) : Exception(message)
{
    /// <summary>The command whose failure this is, when one ran.</summary>
    public CommandRecord? Command { get; } = command;

    /// <summary>The command could not run at all: the host did not answer (no connection, no process).</summary>
    public bool HostUnreachable { get; init; }
}
