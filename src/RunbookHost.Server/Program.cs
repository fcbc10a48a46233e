using RunbookHost.Server.Cli;
using RunbookHost.Server.Hosting;

// Verbs for an operator with only a terminal go to the CLI; everything else (serve, --urls, settings) runs the host.
if (RunbookCli.Handles(args))
{
    return await RunbookCli.RunAsync(args);
}

string[] hostArgs = args.Length > 0 && args[0] == "serve" ? args[1..] : args;
await RunbookHostApp.Build(hostArgs).RunAsync();
return 0;

/// <summary>The host's entry point (also what the integration tests start).</summary>
public partial class Program;
