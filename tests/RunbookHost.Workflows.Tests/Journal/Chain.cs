using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;

namespace RunbookHost.Workflows.Tests.Journal;

/// <summary>A journal of a short activation run, chained as the engine chains it.</summary>
internal static class Chain
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static List<JournalRecord> Activation()
    {
        var records = new List<JournalRecord>();
        Add(records, JournalKinds.RunStarted, null, "olivia", "Run started", new JsonObject { ["input"] = new JsonObject { ["targetSite"] = "dr" } });
        Add(records, JournalKinds.ActivityStarted, "flip", null, "Started flip", null);
        Add(records, JournalKinds.CommandExecuted, "flip", null, "ran storage flip", new JsonObject { ["exitCode"] = 0, ["command"] = "symrdf failover -g exch" });
        Add(records, JournalKinds.ApprovalGranted, "gate", "bob", "bob approved 'Activate DR'", new JsonObject { ["comment"] = "go" });
        Add(records, JournalKinds.RunCompleted, null, null, "Run completed", null);
        return records;
    }

    public static JournalRecord Create(JsonObject? data, DateTimeOffset? at = null) =>
        JournalChain.Create(1, at ?? Start, JournalKinds.CommandExecuted, "flip", "olivia", "ran", data, JournalChain.Genesis);

    private static void Add(List<JournalRecord> records, string kind, string? activityId, string? actor, string message, JsonObject? data) =>
        records.Add(JournalChain.Create(
            records.Count + 1,
            Start.AddSeconds(records.Count * 1.5),
            kind,
            activityId,
            actor,
            message,
            data,
            records.Count == 0 ? JournalChain.Genesis : records[^1].Hash));
}
