using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;
using RunbookHost.Workflows.Activities;

namespace RunbookHost.Exchange.Activities;

/// <summary>Shared plumbing of the SCC activities: the topology, the ports, and journaling every command.</summary>
public abstract class SccActivity : Activity
{
    protected static SccTopology Topology(ActivityExecutionContext context) => context.Services.GetRequiredService<SccTopology>();

    protected static T Port<T>(ActivityExecutionContext context)
        where T : notnull => context.Services.GetRequiredService<T>();

    /// <summary>A command log that journals each command as <c>CommandExecuted</c> with this execution's result.</summary>
    protected static ICommandLog Commands(ActivityExecutionContext context) => new JournalCommandLog(context);

    /// <summary>The named site, or the input's default; a bad name fails with the list of sites.</summary>
    protected static Site SiteOf(ActivityExecutionContext context, Input<string> input) => Topology(context).Site(context.Get(input));

    /// <summary>The named site, or null when the input is empty; a bad name fails with the list of sites.</summary>
    protected static Site? OptionalSiteOf(ActivityExecutionContext context, Input<string> input) =>
        string.IsNullOrWhiteSpace(context.Get(input)) ? null : SiteOf(context, input);

    /// <summary>The input's list, or <paramref name="fallback"/> when it is empty.</summary>
    protected static IReadOnlyList<string> ListOr(ActivityExecutionContext context, Input<string[]> input, IEnumerable<string> fallback) =>
        context.Get(input) is { Length: > 0 } given ? given : [.. fallback];

    private sealed class JournalCommandLog(ActivityExecutionContext context) : ICommandLog
    {
        private readonly Lock _lock = new();

        public void Executed(CommandRecord record)
        {
            lock (_lock)
            {
                context.Record(
                    "CommandExecuted",
                    $"{record.Target}: {record.CommandLine} (exit {record.ExitCode})",
                    new JsonObject
                    {
                        ["target"] = record.Target,
                        ["commandLine"] = record.CommandLine,
                        ["exitCode"] = record.ExitCode,
                        ["output"] = record.OutputExcerpt,
                        ["durationMs"] = (long)record.Duration.TotalMilliseconds,
                    });
            }
        }
    }
}
