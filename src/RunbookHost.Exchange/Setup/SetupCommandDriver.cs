using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Setup;

/// <summary>
/// Runs setup.com on a node and judges the run from the node's ExchangeSetup.log, never from the
/// exit code alone. The log is read before and after: a run that added no "Starting ..." line to
/// the log (setup.com missing, crashed at once) fails instead of borrowing an earlier run's verdict.
/// </summary>
internal sealed class SetupCommandDriver(CommandRunner runner) : IExchangeSetup
{
    public const string DefaultLogPath = @"%SystemDrive%\ExchangeSetupLogs\ExchangeSetup.log";

    public async Task<SetupResult> RunAsync(string node, SetupCommand command, ICommandLog log, CancellationToken cancellationToken)
    {
        int before = (await ReadLogAsync(node, log, cancellationToken)).Runs;
        var setup = await runner.RunAsync(node, Render(node, command), CommandVerbs.Setup, log, cancellationToken, requireSuccess: false);
        var after = await ReadLogAsync(node, log, cancellationToken);
        if (after.Runs <= before)
        {
            string reason = $"{command.CommandLine} on {node} added no run to ExchangeSetup.log (exit code {setup.ExitCode}): {CommandRunner.Summary(setup.StandardOutput, setup.StandardError)}";
            return new SetupResult(false, [reason], setup.Record.OutputExcerpt);
        }

        return after.Result;
    }

    internal RenderedCommand Render(string node, SetupCommand command) =>
        new(runner.Options.Executables.SetupFor(node), command.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Arg.Plain).ToList());

    /// <summary>The command that prints the node's setup log (<c>Runbook:Commands:SetupLogCommand</c>, <c>{node}</c> replaced).</summary>
    internal RenderedCommand LogCommand(string node)
    {
        var configured = runner.Options.SetupLogCommand;
        if (configured.Count > 0)
        {
            return new(configured[0].Replace("{node}", node, StringComparison.Ordinal), configured.Skip(1).Select(a => Arg.Plain(a.Replace("{node}", node, StringComparison.Ordinal))).ToList());
        }

        return new(runner.Options.Executables.Cmd, [Arg.Plain("/c"), Arg.Plain("type"), Arg.Quoted(DefaultLogPath)]);
    }

    private async Task<SetupLogVerdict> ReadLogAsync(string node, ICommandLog log, CancellationToken cancellationToken)
    {
        // A node that never ran setup has no log: type fails, and that means "no runs yet".
        var result = await runner.RunAsync(node, LogCommand(node), CommandVerbs.SetupLog, log, cancellationToken, requireSuccess: false);
        return SetupLogParser.Parse(result.ExitCode == 0 ? result.StandardOutput : string.Empty);
    }
}
