using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// One place the crash matrix kills the host: the CrashHost's kill target (<c>record &lt;kind&gt;
/// &lt;activityId&gt; &lt;n&gt;</c> or <c>command &lt;n&gt; &lt;line&gt;</c>) and what it means.
/// </summary>
internal sealed record CrashPoint(string Description, string Target)
{
    public override string ToString() => Description;
}

/// <summary>
/// The kill points of a workflow, read from an uninterrupted reference run: right after the commit
/// of the first record of each journal kind; right after the intent of the first Idempotent and of
/// every NonIdempotent activity; and inside every NonIdempotent activity once its site-changing
/// command took effect, before its result is committed (and once its first took effect, when it sends
/// several different ones). Points that fall on the same commit count once.
/// </summary>
internal static partial class CrashPoints
{
    public static IReadOnlyList<CrashPoint> Derive(JsonArray journal, IReadOnlyList<(long First, long Last)> commits)
    {
        var records = journal.Select(r => r!).ToList();
        var points = new List<CrashPoint>();
        var commitsTaken = new HashSet<long>();

        void AfterCommitOf(JsonNode record, string what)
        {
            long seq = record["seq"]!.GetValue<long>();
            var commit = commits.SingleOrDefault(c => c.First <= seq && seq <= c.Last);
            Assert.AreNotEqual(default, commit, $"No commit printed for record {seq}.");
            if (commitsTaken.Add(commit.First))
            {
                string kind = Kind(record);
                string? activity = ActivityId(record);
                int n = records.TakeWhile(r => r != record).Count(r => Kind(r) == kind && (activity is null || ActivityId(r) == activity)) + 1;
                points.Add(new CrashPoint($"after the commit of {what}", $"record {kind} {activity ?? "-"} {n}"));
            }
        }

        foreach (var first in records.GroupBy(Kind).Select(g => g.First()))
        {
            AfterCommitOf(first, $"the first {Kind(first)}{(ActivityId(first) is { } id ? $" ({id})" : string.Empty)}");
        }

        var intents = records.Where(r => Intent(r) is not null).ToList();
        if (intents.FirstOrDefault(r => Intent(r) == "Idempotent") is { } idempotent)
        {
            AfterCommitOf(idempotent, $"the intent of Idempotent {ActivityId(idempotent)}");
        }

        var nonIdempotent = intents.Where(r => Intent(r) == "NonIdempotent").ToList();
        foreach (var intent in nonIdempotent)
        {
            AfterCommitOf(intent, $"the intent of NonIdempotent {ActivityId(intent)}");
        }

        var commands = records.Where(r => Kind(r) == "CommandExecuted").ToList();
        void InsideAfter(string id, JsonNode command, string what)
        {
            int n = commands.TakeWhile(c => c != command).Count(c => CommandLine(c) == CommandLine(command)) + 1;
            points.Add(new CrashPoint($"inside NonIdempotent {id} after '{CommandLine(command)}' {what}", $"command {n} {CommandLine(command)}"));
        }

        foreach (var intent in nonIdempotent)
        {
            string id = ActivityId(intent)!;
            var changes = commands.Where(c => ActivityId(c) == id && IsSiteChange(CommandLine(c))).ToList();
            Assert.IsNotEmpty(changes, $"NonIdempotent {id} ran no site-changing command the matrix knows; teach {nameof(IsSiteChange)} its command.");
            InsideAfter(id, changes[^1], "took effect");

            // One that changes the sites in more than one command (a reverse swaps, then establishes) is also killed
            // between its first two: recovery must finish it without running the first again.
            if (CommandLine(changes[0]) != CommandLine(changes[^1]))
            {
                InsideAfter(id, changes[0], "took effect, before the next");
            }
        }

        return points;
    }

    /// <summary>The commands that change the sites, which NonIdempotent activities send: storage failover / swap / establish, setup /recoverCMS and /clearLocalCMS.</summary>
    public static bool IsSiteChange(string commandLine) => SiteChange().IsMatch(commandLine);

    /// <summary>The site-changing command lines in a journal's CommandExecuted records, in order, with the activity that ran each.</summary>
    public static IReadOnlyList<(string ActivityId, string CommandLine)> SiteChanges(JsonArray journal) =>
        [.. journal.Select(r => r!).Where(r => Kind(r) == "CommandExecuted" && IsSiteChange(CommandLine(r))).Select(r => (ActivityId(r)!, CommandLine(r)))];

    private static string Kind(JsonNode record) => record["kind"]!.ToString();

    private static string? ActivityId(JsonNode record) => record["activityId"]?.ToString();

    private static string CommandLine(JsonNode record) => record["data"]!["commandLine"]!.ToString();

    private static string? Intent(JsonNode record) =>
        Kind(record) == "ActivityStarted" && record["data"]?["intent"]?.GetValue<bool>() == true ? record["data"]!["sideEffect"]!.ToString() : null;

    [GeneratedRegex(@"^(setup\.com /(recoverCMS|clearLocalCMS|upgradeCMS)\b|symrdf .* (failover|failback|swap|establish|split)\b|snapmirror (break|resync|quiesce)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SiteChange();
}
