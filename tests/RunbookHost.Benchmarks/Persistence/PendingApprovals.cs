using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Persistence.Sqlite;
using RunbookHost.Persistence.Runs;
using RunbookHost.Server.Api;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>Where listing the pending approvals spends its time, phase by phase (medians, in microseconds).</summary>
internal sealed record PendingApprovalsFigures(
    int Count,
    long BodyBytes,
    Samples Endpoint,
    Samples Walk,
    Samples StringRows,
    Samples FirstPage,
    Samples MiddlePage,
    Samples Before,
    string Plan);

/// <summary>
/// The pending-approvals list as <c>GET /api/approvals</c> makes it: the store's walk over every pending
/// Approval and ManualStep gate (<see cref="Query"/>, one <c>ReadPendingGatesAsync</c>) with the endpoint's
/// JSON written from its rows into the endpoint's response buffer (everything but the HTTP transfer), timed
/// whole and in phases; a page of 100 from the start and from the middle (keyset, with the endpoint's
/// look-up of the <c>after</c> gate); and, for comparison, what the endpoint did before it had a query of
/// its own (every pending bookmark, then one <c>GetAsync</c> per gate's run).
/// </summary>
internal static class PendingApprovals
{
    public static readonly PendingGateQuery Query = new(ApprovalsApi.GateNames);

    /// <summary>A page size an approvals inbox would show.</summary>
    public const int Page = 100;

    private const int Repeats = 11;
    private const int BeforeRepeats = 3;
    private static readonly WarmUp ListWarmUp = new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2.5));

    public static async Task<PendingApprovalsFigures> MeasureAsync(PersistedEngine engine, int expected, CancellationToken cancellationToken)
    {
        var serializer = new JsonOptions().SerializerOptions;
        RunbookHostApp.ConfigureJson(serializer);
        var writer = ApprovalJson.WriterOptions(serializer);

        // Once, untimed: the endpoint's body for all of them is what the former endpoint wrote.
        var former = await ListAsBeforeAsync(engine, cancellationToken);
        byte[] expectedBody = FormerBody(former, serializer);
        var body = new JsonBody();
        int written = await ApprovalJson.WriteListAsync(engine.Runs, Query, body, writer, cancellationToken);
        if (written != expected || former.Count != expected || !body.ToArray().AsSpan().SequenceEqual(expectedBody))
        {
            throw new InvalidOperationException(
                $"The endpoint wrote {written} pending approvals ({body.Length:N0} bytes) and the former way found {former.Count} ({expectedBody.Length:N0} bytes); expected {expected} of each, the same JSON.");
        }

        string middle = former[expected / 2].Gate.BookmarkId;
        var endpoint = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => WriteAsync(engine, Query, writer, expected, ct)), cancellationToken);
        var walk = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => engine.Runs.ReadPendingGatesAsync(Query, static (in PendingGateRow _) => { }, ct)), cancellationToken);
        var stringRows = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => StepRowsAsync(engine, ct)), cancellationToken);
        var first = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => WriteAsync(engine, Query with { Take = Page }, writer, Page, ct)), cancellationToken);
        var inMiddle = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => PageAfterAsync(engine, middle, writer, ct)), cancellationToken);

        var before = new Samples(BeforeRepeats);
        for (int i = 0; i < BeforeRepeats; i++)
        {
            before.Add(await TimeAsync(() => ListAsBeforeAsync(engine, cancellationToken)));
        }

        return new PendingApprovalsFigures(expected, body.Length, endpoint, walk, stringRows, first, inMiddle, before, await PlanAsync(engine, cancellationToken));
    }

    /// <summary>What the endpoint does for <paramref name="query"/> short of sending it: the store's walk, the JSON written into its buffer.</summary>
    private static async Task<int> WriteAsync(PersistedEngine engine, PendingGateQuery query, JsonWriterOptions writer, int expected, CancellationToken cancellationToken)
    {
        int written = await ApprovalJson.WriteListAsync(engine.Runs, query, new JsonBody(), writer, cancellationToken);
        return written == expected ? written : throw new InvalidOperationException($"The list held {written} approvals, expected {expected}.");
    }

    /// <summary>A page as <c>?take=100&amp;after=</c> gets it: the endpoint looks the <c>after</c> gate up, then writes the page.</summary>
    private static async Task<int> PageAfterAsync(PersistedEngine engine, string after, JsonWriterOptions writer, CancellationToken cancellationToken)
    {
        var cursor = await ApprovalsApi.FindCursorAsync(engine.Runs, after, cancellationToken)
            ?? throw new InvalidOperationException($"There is no gate {after}.");
        return await WriteAsync(engine, Query with { Take = Page, After = cursor }, writer, Page, cancellationToken);
    }

    /// <summary>The store's statement, its rows stepped through and every column read as the provider returns it (strings); no mapping.</summary>
    private static async Task<int> StepRowsAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using var session = await engine.Database.OpenAsync(cancellationToken);
        await using var command = SqlRunStore.PendingGatesCommand(engine.Database, session.Connection, Query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new object[reader.FieldCount];
        int rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    /// <summary>What <c>GET /api/approvals</c> did before: the pending bookmarks, then one <c>GetAsync</c> per gate's run (N+1 queries).</summary>
    private static async Task<List<(Bookmark Gate, RunRecord Run)>> ListAsBeforeAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        var gates = await engine.Runs.GetBookmarksAsync(new BookmarkQuery(Names: Query.Names), cancellationToken);
        var runs = new Dictionary<string, RunRecord?>(StringComparer.Ordinal);
        var list = new List<(Bookmark, RunRecord)>(gates.Count);
        foreach (var gate in gates)
        {
            if (!runs.TryGetValue(gate.RunId, out var run))
            {
                run = runs[gate.RunId] = await engine.Runs.GetAsync(gate.RunId, cancellationToken);
            }

            list.Add((gate, run ?? throw new InvalidOperationException($"Gate {gate.BookmarkId} has no run.")));
        }

        return list;
    }

    /// <summary>A frozen copy of the anonymous object the endpoint once serialized for a gate: the benchmark checks the body against it.</summary>
    private static object FormerGateJson(Bookmark gate, RunRecord run) => new
    {
        approvalId = gate.BookmarkId,
        kind = gate.Payload["kind"]?.ToString() ?? (gate.Name == "Approval" ? "approval" : "manualStep"),
        runId = gate.RunId,
        definitionId = run.DefinitionId,
        activityId = gate.ActivityId,
        title = gate.Payload["title"]?.ToString(),
        instructions = gate.Payload["instructions"]?.ToString(),
        requestedAt = gate.CreatedAt,
        startedBy = run.StartedBy,
        allowedRoles = gate.Payload["allowedRoles"],
        expiresAt = gate.ResumeAt,
    };

    /// <summary>
    /// The former endpoint's body, serialized through a stream: the serializer then rents small buffers only, so
    /// the heap measured after the listing (<see cref="PersistenceBenchmark"/>) shows what the endpoint keeps, not this check.
    /// </summary>
    private static byte[] FormerBody(List<(Bookmark Gate, RunRecord Run)> former, JsonSerializerOptions serializer)
    {
        using var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, former.Select(g => FormerGateJson(g.Gate, g.Run)), serializer);
        return stream.ToArray();
    }

    /// <summary>The database's plan for the list's statement, its lines joined.</summary>
    private static async Task<string> PlanAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        bool sqlite = engine.Database is SqliteDatabase;
        await using var session = await engine.Database.OpenAsync(cancellationToken);
        await using var command = SqlRunStore.PendingGatesCommand(engine.Database, session.Connection, Query);
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (COSTS OFF) ") + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(sqlite ? 3 : 0).Trim());
        }

        return string.Join("; ", lines);
    }

    private static async Task<TimeSpan> TimeAsync<T>(Func<Task<T>> action)
    {
        long started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }
}
