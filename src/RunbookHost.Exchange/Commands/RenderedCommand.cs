using System.Text;

namespace RunbookHost.Exchange.Commands;

/// <summary>One argument of a command line.</summary>
/// <param name="Switch">A literal prefix such as <c>/moveto:</c> (never secret, never quoted).</param>
/// <param name="Value">The value; what the program receives after the prefix.</param>
/// <param name="Quoted">Whether the value is shown in double quotes, as the tools' documentation writes it.</param>
/// <param name="Secret">Whether the value is a credential: redacted wherever it appears.</param>
public sealed record CommandArgument(string Switch, string Value, bool Quoted, bool Secret)
{
    /// <summary>The argument as the program receives it in argv.</summary>
    public string Raw => Switch + Value;

    /// <summary>The argument as written on a Windows command line.</summary>
    public string Render(bool redact)
    {
        string value = redact && Secret ? SecretRedactor.Mask : Value;
        bool quote = Quoted || NeedsQuotes(value);
        return Switch + (quote ? Quote(value) : value);
    }

    private static bool NeedsQuotes(string value) => value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c == '"');

    // Windows argv rules (CommandLineToArgvW): backslashes are literal unless they precede a quote.
    private static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        int backslashes = 0;
        foreach (char c in value)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            text.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return text.Append('\\', backslashes * 2).Append('"').ToString();
    }
}

/// <summary>A command a driver wants to run: the executable and its arguments, some possibly secret.</summary>
public sealed record RenderedCommand(string Executable, IReadOnlyList<CommandArgument> Arguments)
{
    public static RenderedCommand Of(string executable, params CommandArgument[] arguments) => new(executable, arguments);

    /// <summary>The argv the program receives.</summary>
    public IReadOnlyList<string> RawArguments => Arguments.Select(a => a.Raw).ToList();

    /// <summary>The command line as an operator would type it on Windows, secrets masked.</summary>
    public string Display => Render(redact: true);

    /// <summary>The values that must never be shown.</summary>
    public IEnumerable<string> SecretValues => Arguments.Where(a => a.Secret && a.Value.Length > 0).Select(a => a.Value);

    public string Render(bool redact)
    {
        string exe = Executable.Any(char.IsWhiteSpace) ? $"\"{Executable}\"" : Executable;
        return Arguments.Count == 0 ? exe : exe + " " + string.Join(' ', Arguments.Select(a => a.Render(redact)));
    }

    public override string ToString() => Display;
}

/// <summary>Short constructors for command arguments.</summary>
public static class Arg
{
    /// <summary>A plain argument (quoted only when it must be).</summary>
    public static CommandArgument Plain(string value) => new(string.Empty, value, false, false);

    /// <summary>A name shown in quotes, e.g. <c>"Disk F:"</c>.</summary>
    public static CommandArgument Quoted(string value) => new(string.Empty, value, true, false);

    /// <summary>A switch with a value, e.g. <c>/moveto:"MBX-1"</c>.</summary>
    public static CommandArgument Switch(string prefix, string value, bool quoted = false) => new(prefix, value, quoted, false);

    /// <summary>A credential: masked on every command line and in every output.</summary>
    public static CommandArgument Secret(string value, string prefix = "") => new(prefix, value, false, true);
}
