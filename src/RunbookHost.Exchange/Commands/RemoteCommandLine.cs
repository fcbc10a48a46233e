namespace RunbookHost.Exchange.Commands;

/// <summary>Turns a command into the single command string an SSH server runs.</summary>
internal static class RemoteCommandLine
{
    public static string Render(RenderedCommand command, RemoteQuoting quoting) => quoting switch
    {
        // Windows programs parse their own command line: send it as the documentation writes it.
        RemoteQuoting.Windows => command.Render(redact: false),
        RemoteQuoting.Posix => string.Join(' ', new[] { command.Executable }.Concat(command.RawArguments).Select(Posix)),
        _ => string.Join(' ', new[] { command.Executable }.Concat(command.RawArguments)),
    };

    private static string Posix(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
