using System.Text;
using System.Text.Json.Nodes;
using RunbookHost.Persistence.Sql;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Runs;

// Rows as Dapper reads them. Times are `object` because SQLite returns text and PostgreSQL DateTime;
// SqlDatabase turns either into a DateTimeOffset.

internal class RunRow
{
    public string RunId { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public long DefinitionVersion { get; set; }
    public string Status { get; set; } = "";
    public string StartedBy { get; set; } = "";
    public object StartedAt { get; set; } = "";
    public object? FinishedAt { get; set; }
    public object UpdatedAt { get; set; } = "";
    public string Input { get; set; } = "{}";
    public long Version { get; set; }
    public long LastSeq { get; set; }
    public string LastHash { get; set; } = "";
    public byte[] State { get; set; } = [];
    public string? Fault { get; set; }

    public RunRecord ToRecord(SqlDatabase db) => new()
    {
        RunId = RunId,
        DefinitionId = DefinitionId,
        DefinitionVersion = checked((int)DefinitionVersion),
        Status = Enum.Parse<RunStatus>(Status),
        StartedBy = StartedBy,
        StartedAt = db.ReadTime(StartedAt),
        FinishedAt = db.ReadNullableTime(FinishedAt),
        UpdatedAt = db.ReadTime(UpdatedAt),
        Input = RowJson.Object(Input),
        Version = Version,
        LastSeq = LastSeq,
        LastHash = LastHash,
        State = State,
        Fault = Fault,
    };
}

/// <summary>A run row as the lease acquisition returns it, with whether signals were queued for the run then.</summary>
internal sealed class AcquiredRunRow : RunRow
{
    public bool SignalsWaiting { get; set; }
}

internal sealed class JournalRow
{
    public long Seq { get; set; }
    public object At { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? ActivityId { get; set; }
    public string? Actor { get; set; }
    public string Message { get; set; } = "";
    public string? Data { get; set; }
    public string Hash { get; set; } = "";
    public string PrevHash { get; set; } = "";

    public JournalRecord ToRecord(SqlDatabase db) =>
        new(Seq, db.ReadTime(At), Kind, ActivityId, Actor, Message, Data is null ? null : RowJson.Object(Data), Hash, PrevHash);
}

internal sealed class BookmarkRow
{
    public string BookmarkId { get; set; } = "";
    public string RunId { get; set; } = "";
    public string ActivityPath { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public object CreatedAt { get; set; } = "";
    public object? ResumeAt { get; set; }
    public object? ConsumedAt { get; set; }

    public Bookmark ToRecord(SqlDatabase db) => new()
    {
        BookmarkId = BookmarkId,
        RunId = RunId,
        ActivityPath = ActivityPath,
        ActivityId = ActivityId,
        Name = Name,
        Hash = Hash,
        Payload = RowJson.Object(Payload),
        CreatedAt = db.ReadTime(CreatedAt),
        ResumeAt = db.ReadNullableTime(ResumeAt),
        ConsumedAt = db.ReadNullableTime(ConsumedAt),
    };
}

internal sealed class IncidentRow
{
    public string RunId { get; set; } = "";
    public string IncidentId { get; set; } = "";
    public string ActivityPath { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";
    public object OpenedAt { get; set; } = "";
    public long Attempts { get; set; }
    public string? ResolutionAction { get; set; }
    public string? ResolutionOutcome { get; set; }
    public string? ResolutionComment { get; set; }
    public string? ResolvedBy { get; set; }
    public object? ResolvedAt { get; set; }

    public Incident ToRecord(SqlDatabase db) => new()
    {
        RunId = RunId,
        IncidentId = IncidentId,
        ActivityPath = ActivityPath,
        ActivityId = ActivityId,
        Kind = Enum.Parse<IncidentKind>(Kind),
        Message = Message,
        OpenedAt = db.ReadTime(OpenedAt),
        Attempts = checked((int)Attempts),
        Resolution = ResolutionAction is null
            ? null
            : new IncidentResolution(ResolutionAction, ResolutionOutcome, ResolutionComment ?? "", ResolvedBy ?? "", db.ReadTime(ResolvedAt!)),
    };
}

internal sealed class SignalRow
{
    public string SignalId { get; set; } = "";
    public string RunId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? BookmarkId { get; set; }
    public string? IncidentId { get; set; }
    public string Payload { get; set; } = "{}";
    public string Actor { get; set; } = "";
    public object At { get; set; } = "";
    public long ByTimer { get; set; }

    public RunSignal ToRecord(SqlDatabase db) => new()
    {
        SignalId = SignalId,
        RunId = RunId,
        Kind = Enum.Parse<SignalKind>(Kind),
        BookmarkId = BookmarkId,
        IncidentId = IncidentId,
        Payload = RowJson.Object(Payload),
        Actor = Actor,
        At = db.ReadTime(At),
        ByTimer = ByTimer != 0,
    };
}

internal static class RowJson
{
    public static JsonObject Object(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"Expected a JSON object, found: {Truncate(json)}");

    public static string Text(JsonObject? value) => value?.ToJsonString() ?? "{}";

    private static string Truncate(string text) => text.Length <= 80 ? text : new StringBuilder(text, 0, 80, 83).Append("...").ToString();
}
