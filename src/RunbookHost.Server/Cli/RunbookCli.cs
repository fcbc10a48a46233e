using System.CommandLine;

namespace RunbookHost.Server.Cli;

/// <summary>
/// The command line: verbs that talk to a running host over its API (runs, approvals, approve,
/// reject, report) and the lab demo. Built with System.CommandLine.
/// </summary>
internal static class RunbookCli
{
    private static readonly string[] Verbs = ["runs", "approvals", "approve", "reject", "report", "demo", "--help", "-h", "-?"];

    public static bool Handles(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();

    internal static RootCommand Build(TextWriter? output = null)
    {
        output ??= Console.Out;
        var url = new Option<string>("--url") { Description = "The host's address.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RUNBOOK_URL") ?? "http://localhost:5080", Recursive = true };
        var key = new Option<string?>("--key") { Description = "Your API key (or set RUNBOOK_API_KEY).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RUNBOOK_API_KEY"), Recursive = true };
        var root = new RootCommand("RunbookHost: runbook automation for Exchange 2007 SCC site failover. Without a verb, 'dotnet run' starts the host.");
        root.Options.Add(url);
        root.Options.Add(key);
        root.Subcommands.Add(ApiVerbs.Runs(url, key, output));
        root.Subcommands.Add(ApiVerbs.Approvals(url, key, output));
        root.Subcommands.Add(ApiVerbs.Decide("approve", url, key, output));
        root.Subcommands.Add(ApiVerbs.Decide("reject", url, key, output));
        root.Subcommands.Add(ApiVerbs.Report(url, key, output));
        root.Subcommands.Add(DemoVerb.Create(output));
        return root;
    }
}
