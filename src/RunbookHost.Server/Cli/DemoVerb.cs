using System.CommandLine;

namespace RunbookHost.Server.Cli;

/// <summary>The demo: activation, clear-local-cms on the old primary, then failback, in the lab.</summary>
internal static class DemoVerb
{
    public static Command Create(TextWriter output)
    {
        var demo = new Command("demo", "Run activation, clear-local-cms and failback in the lab, with demo approvers, and print an audit summary.");
        demo.SetAction((_, _) =>
        {
            output.WriteLine("The demo needs the lab drivers, which are not part of this build yet.");
            return Task.FromResult(1);
        });
        return demo;
    }
}
