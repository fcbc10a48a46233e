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
    Samples SqlCount,
    Samples SqlRows,
    Samples SqlRowsUnordered,
    Samples Dapper,
    Samples Mapping,
    Samples PayloadJson,
    Samples Times,
    Samples WithRuns,
    Samples FirstPage,
    string Plan,
    IndexedFigures Indexed);

/// <summary>The whole list again after adding <see cref="PendingApprovals.CandidateIndex"/>, with the plan SQLite then chooses.</summary>
internal sealed record IndexedFigures(string Index, string Plan, Samples Store);

/// <summary>
/// The pending-approvals list as the API asks the store for it (<see cref="Query"/>), timed whole
/// and then in phases: the SQL alone (a COUNT over the same statement, then stepping its rows),
/// Dapper's mapping to rows, and the rows' conversion to bookmarks (payload JSON, times).
/// </summary>
internal static class PendingApprovals
{
    public static readonly BookmarkQuery Query = new(Names: ["Approval", "ManualStep"]);

    private const int Repeats = 11;
    private const int WithRunsRepeats = 3;
    private static readonly WarmUp ListWarmUp = new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2.5));

    /// <summary>
    /// The statement <c>SqlRunStore.GetBookmarksAsync</c> builds for <see cref="Query"/>, spelled out
    /// here to time its parts; <see cref="MeasureAsync"/> checks it returns what the store does.
    /// </summary>
    private static readonly string Sql =
        $"SELECT {RunSql.BookmarkColumns} FROM bookmarks b WHERE 1 = 1 AND b.name IN (@Name0, @Name1) AND {RunSql.BookmarkIsPending} ORDER BY b.created_at, b.bookmark_id";

    /// <summary>A page size an approvals inbox would show.</summary>
    public const int Page = 100;

    /// <summary>A partial index in the order the list is read, which would spare the ORDER BY its sort if the planner used it.</summary>
    public const string CandidateIndex = "CREATE INDEX ix_bookmarks_pending_created ON bookmarks (created_at, bookmark_id) WHERE consumed_at IS NULL";

    private static readonly object Parameters = new { Name0 = "Approval", Name1 = "ManualStep" };

    public static async Task<PendingApprovalsFigures> MeasureAsync(PersistedEngine engine, int expected, CancellationToken cancellationToken)
    {
        var listed = await engine.Runs.GetBookmarksAsync(Query, cancellationToken);
        var rows = await ReadRowsAsync(engine, cancellationToken);
        if (listed.Count != expected || rows.Count != expected || !listed.Select(b => b.BookmarkId).SequenceEqual(rows.Select(r => r.BookmarkId)))
        {
            throw new InvalidOperationException($"The store listed {listed.Count} pending approvals and the spelled-out statement {rows.Count}, expected {expected} of each, the same.");
        }

        var store = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => engine.Runs.GetBookmarksAsync(Query, ct)), cancellationToken);
        var count = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => CountAsync(engine, ct)), cancellationToken);
        var sqlRows = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => StepRowsAsync(engine, Sql, ct)), cancellationToken);
        var unordered = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => StepRowsAsync(engine, Sql[..Sql.IndexOf(" ORDER BY", StringComparison.Ordinal)], ct)), cancellationToken);
        var dapper = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => ReadRowsAsync(engine, ct)), cancellationToken);
        var mapping = await Measure.RepeatAsync(ListWarmUp, Repeats, _ => Time(() => rows.Select(r => r.ToRecord(engine.Database)).ToList()), cancellationToken);
        var json = await Measure.RepeatAsync(ListWarmUp, Repeats, _ => Time(() => rows.Select(r => RowJson.Object(r.Payload)).ToList()), cancellationToken);
        var times = await Measure.RepeatAsync(ListWarmUp, Repeats, _ => Time(() => rows.Select(r => engine.Database.ReadTime(r.CreatedAt)).ToList()), cancellationToken);

        // What GET /api/approvals does after the query: one GetAsync per gate's run (N+1 queries).
        var withRuns = new Samples(WithRunsRepeats);
        for (int i = 0; i < WithRunsRepeats; i++)
        {
            withRuns.Add(await TimeAsync(() => ListWithRunsAsync(engine, cancellationToken)));
        }

        var page = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => FirstPageAsync(engine, ct)), cancellationToken);
        string plan = await PlanAsync(engine, cancellationToken);
        var indexed = await MeasureIndexedAsync(engine, cancellationToken);
        return new PendingApprovalsFigures(expected, store, count, sqlRows, unordered, dapper, mapping, json, times, withRuns, page, plan, indexed);
    }

    /// <summary>Last, as it changes the schema of the suite's database: the list with <see cref="CandidateIndex"/>.</summary>
    private static async Task<IndexedFigures> MeasureIndexedAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using (var connection = await engine.Database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(engine.Database.Command(CandidateIndex, null, null, cancellationToken));
        }

        var store = await Measure.RepeatAsync(ListWarmUp, Repeats, ct => TimeAsync(() => engine.Runs.GetBookmarksAsync(Query, ct)), cancellationToken);
        return new IndexedFigures(CandidateIndex, await PlanAsync(engine, cancellationToken), store);
    }

    /// <summary>The first <see cref="Page"/> pending approvals as bookmarks: what a paged store query would do.</summary>
    private static async Task<List<Bookmark>> FirstPageAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = await engine.Database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BookmarkRow>(engine.Database.Command($"{Sql} LIMIT {Page}", Parameters, null, cancellationToken));
        var page = rows.Select(r => r.ToRecord(engine.Database)).ToList();
        return page.Count == Page ? page : throw new InvalidOperationException($"The first page held {page.Count} approvals, expected {Page}.");
    }

    private static async Task<int> CountAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = await engine.Database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(engine.Database.Command($"SELECT COUNT(*) FROM ({Sql}) q", Parameters, null, cancellationToken));
    }

    /// <summary>The statement's rows stepped through and every column read as the provider returns it; no mapping.</summary>
    private static async Task<int> StepRowsAsync(PersistedEngine engine, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await engine.Database.OpenAsync(cancellationToken);
        await using var reader = (DbDataReader)await connection.ExecuteReaderAsync(engine.Database.Command(sql, Parameters, null, cancellationToken));
        var values = new object[reader.FieldCount];
        int rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    private static async Task<List<BookmarkRow>> ReadRowsAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        await using var connection = await engine.Database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<BookmarkRow>(engine.Database.Command(Sql, Parameters, null, cancellationToken))];
    }

    private static async Task<int> ListWithRunsAsync(PersistedEngine engine, CancellationToken cancellationToken)
    {
        var gates = await engine.Runs.GetBookmarksAsync(Query, cancellationToken);
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
        await using var connection = await engine.Database.OpenAsync(cancellationToken);
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
