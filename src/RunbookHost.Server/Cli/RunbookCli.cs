using System.CommandLine;

namespace RunbookHost.Server.Cli;

/// <summary>
/// The command line: verbs that talk to a running host over its API (runs, approvals, approve,
/// reject, report) and the lab demo. Built with System.CommandLine.
/// </summary>
internal static class RunbookCli
{
    private static readonly string[] Verbs = ["runs", "approvals", "approve", "reject", "report", "demo", "--help", "-h", "-?", "--version"];

    /// <summary>The options every verb takes, which may come before the verb (the host's own address option is --urls).</summary>
    private static readonly string[] ConnectionOptions = ["--url", "--key", "--timeout"];

    public static bool Handles(string[] args) =>
        args.Length > 0 && (Verbs.Contains(args[0], StringComparer.Ordinal)
            || ConnectionOptions.Any(o => args[0] == o || args[0].StartsWith(o + "=", StringComparison.Ordinal) || args[0].StartsWith(o + ":", StringComparison.Ordinal)));

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();

    internal static RootCommand Build(TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        var host = HostConnection.Create(errors ?? Console.Error);
        var root = new RootCommand("RunbookHost: runbook automation for Exchange 2007 SCC site failover. Without a verb, 'dotnet run' starts the host.");
        root.Options.Add(host.Url);
        root.Options.Add(host.Key);
        root.Options.Add(host.TimeoutSeconds);
        root.Subcommands.Add(ApiVerbs.Runs(host, output));
        root.Subcommands.Add(ApiVerbs.Approvals(host, output));
        root.Subcommands.Add(ApiVerbs.Decide("approve", host, output));
        root.Subcommands.Add(ApiVerbs.Decide("reject", host, output));
        root.Subcommands.Add(ApiVerbs.Report(host, output));
        root.Subcommands.Add(DemoVerb.Create(output));
        return root;
    }
}
