using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Setup;

/// <summary>A setup.com invocation.</summary>
/// <param name="Arguments">The arguments, exactly as passed to setup.com.</param>
public sealed record SetupCommand(string Arguments)
{
    public static SetupCommand InstallPassiveMailboxRole() => new("/mode:install /roles:mailbox");

    public static SetupCommand RecoverCms(string cmsName, IReadOnlyList<string> addresses) =>
        new($"/recoverCMS /cmsName:{cmsName} /cmsIPV4Addresses:{string.Join(',', addresses)}");

    public static SetupCommand ClearLocalCms() => new("/clearLocalCMS");

    public static SetupCommand Upgrade() => new("/mode:upgrade");

    public static SetupCommand UpgradeCms() => new("/upgradeCMS");

    public string CommandLine => $"setup.com {Arguments}";
}

/// <summary>How a setup run ended, judged from ExchangeSetup.log (setup's exit codes are not documented).</summary>
/// <param name="Succeeded">Whether the log says the operation completed successfully.</param>
/// <param name="Errors">The [ERROR] lines and halting messages found.</param>
/// <param name="LogExcerpt">The log lines of this run.</param>
public sealed record SetupResult(bool Succeeded, IReadOnlyList<string> Errors, string LogExcerpt)
{
    public string Summary => Succeeded ? "setup completed successfully" : (Errors.Count > 0 ? Errors[0] : "setup did not report success");
}

/// <summary>Runs Exchange setup on a node.</summary>
public interface IExchangeSetup
{
    Task<SetupResult> RunAsync(string node, SetupCommand command, ICommandLog log, CancellationToken cancellationToken);
}
