using System.Text;
using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Support;

/// <summary>
/// Builds the commits an engine would make for one run: each step bumps the version, moves time on
/// one second and appends journal records that continue the hash chain.
/// </summary>
internal sealed class RunScript
{
    /// <summary>A microsecond-aligned instant: every supported database stores it exactly.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_930);

    private long _seq;
    private string _hash = JournalChain.Genesis;

    public RunScript(string runId, string definitionId = "activation", DateTimeOffset? startedAt = null, RunStatus status = RunStatus.Running)
    {
        var at = startedAt ?? T0;
        Run = new RunRecord
        {
            RunId = runId,
            DefinitionId = definitionId,
            DefinitionVersion = 3,
            Status = status,
            StartedBy = "alice",
            StartedAt = at,
            UpdatedAt = at,
            Input = new JsonObject { ["site"] = "DR", ["nodes"] = new JsonArray("EXCL01", "EXCL02"), ["dryRun"] = false },
            Version = 0,
            LastSeq = 0,
            LastHash = JournalChain.Genesis,
            State = Encoding.UTF8.GetBytes("""{"tokens":["start"],"variables":{"attempt":1}}"""),
        };
    }

    /// <summary>The run as last committed (Version 0 before the first commit).</summary>
    public RunRecord Run { get; private set; }

    public string RunId => Run.RunId;

    public long LastSeq => _seq;

    public RunCommit Build(
        Func<RunRecord, RunRecord>? change = null,
        int records = 1,
        IReadOnlyList<Bookmark>? addBookmarks = null,
        IReadOnlyList<string>? consumeBookmarks = null,
        IReadOnlyList<Incident>? incidents = null,
        IReadOnlyList<string>? consumeSignals = null)
    {
        var at = Run.Version == 0 ? Run.StartedAt : Run.UpdatedAt.AddSeconds(1);
        var journal = new List<JournalRecord>();
        long seq = _seq;
        string hash = _hash;
        for (int i = 0; i < records; i++)
        {
            var data = new JsonObject { ["step"] = Run.Version + 1, ["note"] = "ünïcode ✓", ["ratio"] = 0.25 };
            var record = JournalChain.Create(++seq, at, Run.Version == 0 && i == 0 ? JournalKinds.RunStarted : JournalKinds.ActivityCompleted,
                "act-" + seq, "alice", $"step {Run.Version + 1} record {i + 1}", data, hash);
            journal.Add(record);
            hash = record.Hash;
        }

        var next = (change?.Invoke(Run) ?? Run) with { Version = Run.Version + 1, UpdatedAt = at, LastSeq = seq, LastHash = hash };
        return new RunCommit
        {
            Run = next,
            Journal = journal,
            AddBookmarks = addBookmarks ?? [],
            ConsumeBookmarks = consumeBookmarks ?? [],
            UpsertIncidents = incidents ?? [],
            ConsumeSignals = consumeSignals ?? [],
        };
    }

    /// <summary>Every journal record of the commits accepted so far, in order.</summary>
    public List<JournalRecord> Committed { get; } = [];

    /// <summary>Records that the store accepted <paramref name="commit"/>.</summary>
    public void Accept(RunCommit commit)
    {
        Run = commit.Run;
        Committed.AddRange(commit.Journal);
        if (commit.Journal.Count > 0)
        {
            _seq = commit.Journal[^1].Seq;
            _hash = commit.Journal[^1].Hash;
        }
    }

    public async Task<RunCommit> CommitAsync(
        IRunStore store,
        CancellationToken cancellationToken,
        Func<RunRecord, RunRecord>? change = null,
        IReadOnlyList<Bookmark>? addBookmarks = null,
        IReadOnlyList<string>? consumeBookmarks = null,
        IReadOnlyList<Incident>? incidents = null,
        IReadOnlyList<string>? consumeSignals = null)
    {
        var commit = Build(change, 1, addBookmarks, consumeBookmarks, incidents, consumeSignals);
        await store.CommitAsync(commit, cancellationToken);
        Accept(commit);
        return commit;
    }

    public Bookmark Bookmark(string id, string name = "Approval", DateTimeOffset? resumeAt = null) => new()
    {
        BookmarkId = id,
        RunId = RunId,
        ActivityPath = "root/" + id,
        ActivityId = "gate-" + id,
        Name = name,
        Hash = "hash-" + name + "-" + id,
        Payload = new JsonObject { ["title"] = "Approve " + id, ["allowedRoles"] = new JsonArray("approver") },
        CreatedAt = Run.UpdatedAt,
        ResumeAt = resumeAt,
    };

    public Incident Incident(string id, IncidentResolution? resolution = null) => new()
    {
        IncidentId = id,
        RunId = RunId,
        ActivityPath = "root/flip",
        ActivityId = "flip",
        Kind = IncidentKind.InDoubt,
        Message = "in doubt: the command may have run",
        OpenedAt = Run.UpdatedAt,
        Attempts = 3,
        Resolution = resolution,
    };

    public RunSignal Signal(SignalKind kind, string? bookmarkId = null, string? incidentId = null, string? signalId = null, string actor = "bob") => new()
    {
        SignalId = signalId ?? Guid.NewGuid().ToString("N"),
        RunId = RunId,
        Kind = kind,
        BookmarkId = bookmarkId,
        IncidentId = incidentId,
        Payload = new JsonObject { ["decision"] = "approve", ["comment"] = "go" },
        Actor = actor,
        At = Run.UpdatedAt.AddMilliseconds(250),
    };
}
