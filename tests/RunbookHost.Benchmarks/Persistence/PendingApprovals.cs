using System.Data.Common;
using System.Diagnostics;
using Dapper;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Persistence.Runs;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>Where listing the pending approvals spends its time, phase by phase (medians, in microseconds).</summary>
internal sealed record PendingApprovalsFigures(
    int Count,
    Samples Store,
    Samples SqlRows,
    Samples PayloadJson,
    Samples FirstPage,
    Samples MiddlePage,
    Samples Before,
    string Plan);

/// <summary>
/// The pending-approvals list as <c>GET /api/approvals</c> asks the store for it (<see cref="Query"/>:
/// every pending Approval and ManualStep gate with its run's workflow and starter, one
/// <c>GetPendingGatesAsync</c>), timed whole and in phases; a page of 100 from the start and from the
/// middle (keyset); and, for comparison, what the endpoint did before (every pending bookmark, then one
/// <c>GetAsync</c> per gate's run).
/// </summary>
internal static class PendingApprovals
{
    public static readonly PendingGateQuery Query = new(["Approval", "ManualStep"]);

    /// <summary>A page size an approvals inbox would show.</summary>
    public const int Page = 100;

    private const int Repeats = 11;
    private const int BeforeRepeats = 3;
    private static readonly WarmUp ListWarmUp = new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2.5));

    /// <summary>
    /// The statement <c>SqlRunStore.GetPendingGatesAsync</c> builds for <see cref="Query"/>, spelled out
    /// here to time the SQL alone; <see cref="MeasureAsync"/> checks it returns what the store does.
    /// </summary>
    private static readonly string Sql =
        $"{RunSql.PendingGateColumns} AND b.name IN (@Name0, @Name1) ORDER BY b.created_at, b.bookmark_id";

    private static readonly object Parameters = new { Name0 = "Approval", Name1 = "ManualStep" };

    public static async Task<PendingApprovalsFigures> MeasureAsync(PersistedEngine engine, int expected, CancellationToken cancellationToken)
    {
        var listed = await engine.Runs.GetPendingGatesAsync(Query, cancellationToken);
        var payloads = await ReadPayloadsAsync(engine, cancellationToken);
        if (listed.Count != expected || payloads.Count != expected || listed.Any(g => g.DefinitionId.Length == 0 || g.StartedBy.Length == 0))
        {
            throw new InvalidOperationException($"The store listed {listed.Count} pending approvals and the spelled-out statement {payloads.Count}, expected {expected} of each, each with its run's workflow and starter.");
        }

        var middle = new GateCursor(listed[expected / 2].CreatedAt, listed[expected / 2].BookmarkId);
        var store = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => engine.Runs.GetPendingGatesAsync(Query, ct)), cancellationToken);
        var sqlRows = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => StepRowsAsync(engine, ct)), cancellationToken);
        var json = await Measure.RepeatAsync(ListWarmUp, Repeats, _ => Time(() => payloads.Select(RowJson.Object).ToList()), cancellationToken);
        var first = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => PageAsync(engine, null, ct)), cancellationToken);
        var inMiddle = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => PageAsync(engine, middle, ct)), cancellationToken);

        var before = new Samples(BeforeRepeats);
        for (int i = 0; i < BeforeRepeats; i++)
        {
            before.Add(await TimeAsync(() => ListAsBeforeAsync(engine, cancellationToken)));
        }

        return new PendingApprovalsFigures(expected, store, sqlRows, json, first, inMiddle, before, await PlanAsync(engine, cancellationToken));
    }

    private static async Task<IReadOnlyList<PendingGate>> PageAsync(PersistedEngine engine, GateCursor? after, CancellationToken cancellationToken)
    {
        var page = await engine.Runs.GetPendingGatesAsync(Query with { Take = Page, After = after }, cancellationToken);
        return page.Count == Page ? page : throw new InvalidOperationException($"A page held {page.Count} approvals, expected {Page}.");
    }

    /// <summary>The statement's rows stepped through and every column read as the provider returns it; no mapping.</summary>
    private static async Task<int> StepRowsAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using var session = await engine.Database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        await using var reader = (DbDataReader)await connection.ExecuteReaderAsync(engine.Database.Command(Sql, Parameters, null, cancellationToken));
        var values = new object[reader.FieldCount];
        int rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    private static async Task<List<string>> ReadPayloadsAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using var session = await engine.Database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var rows = await connection.QueryAsync<(string BookmarkId, string RunId, string ActivityId, string Name, string Payload)>(
            engine.Database.Command(Sql, Parameters, null, cancellationToken));
        return [.. rows.Select(r => r.Payload)];
    }

    /// <summary>What <c>GET /api/approvals</c> did before: the pending bookmarks, then one <c>GetAsync</c> per gate's run (N+1 queries).</summary>
    private static async Task<int> ListAsBeforeAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        var gates = await engine.Runs.GetBookmarksAsync(new BookmarkQuery(Names: Query.Names), cancellationToken);
        var runs = new Dictionary<string, RunRecord?>(StringComparer.Ordinal);
        foreach (var gate in gates)
        {
            if (!runs.ContainsKey(gate.RunId))
            {
                runs[gate.RunId] = await engine.Runs.GetAsync(gate.RunId, cancellationToken);
            }
        }

        return runs.Count;
    }

    private static async Task<string> PlanAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using var session = await engine.Database.OpenAsync(cancellationToken);
        var connection = session.Connection;
        var lines = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            engine.Database.Command($"EXPLAIN QUERY PLAN {Sql}", Parameters, null, cancellationToken));
        return string.Join("; ", lines.Select(l => l.Detail));
    }

    private static async Task<TimeSpan> TimeAsync<T>(Func<Task<T>> action)
    {
        long started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }

    private static Task<TimeSpan> Time<T>(Func<T> action)
    {
        long started = Stopwatch.GetTimestamp();
        action();
        return Task.FromResult(Stopwatch.GetElapsedTime(started));
    }
}
