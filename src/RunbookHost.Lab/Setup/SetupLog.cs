using System.Globalization;
using System.Text;
using RunbookHost.Lab.State;

namespace RunbookHost.Lab.Setup;

/// <summary>
/// One setup.com run as ExchangeSetup.log records it: "[8/3/2007 4:46:12 PM] [0] Starting Microsoft
/// Exchange 2007 Setup", the command-line parameters, progress lines, [ERROR] lines, the verdict and
/// "End of Setup". Timestamps are the run's start plus realistic (unscaled) offsets.
/// </summary>
internal sealed class SetupLog(LabState state, string node, string arguments, DateTimeOffset start)
{
    public const string Success = "The Microsoft Exchange Server setup operation completed successfully.";
    public const string Incomplete = "The Exchange Server Setup operation did not complete. Visit http://support.microsoft.com and enter the Error ID to find more information.";

    private readonly StringBuilder _text = new();
    private TimeSpan _at;

    public List<string> Errors { get; } = [];

    public TimeSpan Elapsed => _at;

    /// <summary>Starts the run with setup's banner and its parameters.</summary>
    public SetupLog Begin()
    {
        Line(0, "**********************************************");
        Line(0, "Starting Microsoft Exchange 2007 Setup");
        Line(0, "**********************************************");
        Line(0, "Local time zone: (UTC) Coordinated Universal Time.");
        Line(0, "Operating System version: Microsoft Windows NT 6.0.6001 Service Pack 1.");
        Line(0, $"Setup version: {state.Node(node)?.Version ?? state.Directory.CmsVersion}.");
        Line(0, $"Logged on user: {state.Settings.Domain}\\exadmin.");
        foreach (string argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = argument.TrimStart('/').Split(':', 2);
            Line(0, $"Command Line Parameter Name='{parts[0].ToLowerInvariant()}', Value='{(parts.Length > 1 ? parts[1] : string.Empty)}'.");
        }

        Line(0, $"ExSetup was started with the following command: '{arguments} /sourcedir:D:\\'.", TimeSpan.FromSeconds(2));
        Line(0, $"Setup is choosing the domain controller to use", TimeSpan.FromSeconds(3));
        Line(0, $"Setup has chosen the domain controller '{DomainController(state, node)}' for initial queries", TimeSpan.FromSeconds(6));
        return this;
    }

    public SetupLog Line(int level, string text, TimeSpan? after = null)
    {
        _at += after ?? TimeSpan.Zero;
        _text.Append(CultureInfo.InvariantCulture, $"[{(start + _at).UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture)}] [{level}] {text}\n");
        return this;
    }

    public SetupLog Error(string text, TimeSpan? after = null)
    {
        Errors.Add(text);
        return Line(1, "[ERROR] " + text, after);
    }

    /// <summary>Ends the run: success or "did not complete", then "End of Setup".</summary>
    public string End(bool succeeded, TimeSpan? after = null)
    {
        if (!succeeded && Errors.Count > 0)
        {
            Line(0, "Setup is halting because of an error in the operation above.", after);
            after = null;
        }

        Line(0, succeeded ? Success : Incomplete, after);
        Line(0, "End of Setup", TimeSpan.FromSeconds(1));
        Line(0, "**********************************************");
        return _text.ToString();
    }

    public static string DomainController(LabState state, string node) =>
        $"DC-{(state.SiteOfNode(node)?.Name ?? "site").ToUpperInvariant()}01.{state.Settings.Domain.ToLowerInvariant()}.com";

    /// <summary>The log a prepared node already has: the passive mailbox role install.</summary>
    public static string PreparationHistory(LabState state, string node, DateTimeOffset at)
    {
        var log = new SetupLog(state, node, "/mode:install /roles:mailbox", at).Begin();
        log.Line(0, "Setup will run the task 'install-ExchangeBinaries'", TimeSpan.FromSeconds(20));
        log.Line(1, "Installing Exchange files for the Mailbox role...", TimeSpan.FromSeconds(5));
        log.Line(1, "The Mailbox role was installed; the node can host a clustered mailbox server (passive).", TimeSpan.FromMinutes(29));
        return log.End(true, TimeSpan.FromSeconds(30));
    }
}
