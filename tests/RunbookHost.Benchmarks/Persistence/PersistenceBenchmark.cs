using System.Globalization;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Benchmarks.Targets;
using RunbookHost.Persistence;

namespace RunbookHost.Benchmarks.Persistence;

/// <summary>
/// The SQL stores: (a) what a durable step costs against a bare committed UPDATE on SQLite and
/// PostgreSQL, (b) the process's memory with 1,000 and 10,000 suspended runs, (c) listing the
/// pending approvals of 10,000 suspended runs, on SQLite and (when it is configured) on PostgreSQL.
/// </summary>
internal static class PersistenceBenchmark
{
    public const double StepTarget = 1.5;
    public const double ListTargetMs = 20;
    private const int FewRuns = 1_000;
    private const int ManyRuns = 10_000;

    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var otherWork = OtherWork.Start();
        await output.WriteLineAsync("Persistence: the SQL run store on SQLite and PostgreSQL");
        await output.WriteLineAsync($"Machine: {MachineInfo.Describe()}");
        await output.WriteLineAsync("Engine: AddRunbookWorkflows() + AddRunbookPersistence(), migrated; runs executed on the calling task, the runner not started.");
        await output.WriteLineAsync();

        var steps = new List<StepFigures>();
        string? postgresSkipped = null;
        await output.WriteLineAsync($"(a) {PersistenceDefinitions.SequenceSteps} Log steps per run on SQLite (temp file) ...");
        await using (var sqlite = BenchDatabase.Sqlite())
        {
            steps.Add(await StepCost.MeasureAsync(sqlite, cancellationToken));
        }

        var (postgres, skipped) = await BenchDatabase.PostgresAsync(cancellationToken);
        if (postgres is null)
        {
            postgresSkipped = skipped;
            await output.WriteLineAsync($"(a) PostgreSQL skipped: {skipped}.");
        }
        else
        {
            await output.WriteLineAsync("(a) ... and on PostgreSQL (a fresh schema, dropped afterwards) ...");
            await using (postgres)
            {
                steps.Add(await StepCost.MeasureAsync(postgres, cancellationToken));
            }
        }

        await output.WriteLineAsync($"(b) {FewRuns:N0}, then {ManyRuns:N0} runs suspended at an approval on SQLite ...");
        await using var approvals = BenchDatabase.Sqlite();
        await using var engine = await PersistedEngine.CreateAsync(approvals, cancellationToken);
        var firstBatch = await SuspendedRuns.AddAsync(engine, FewRuns, cancellationToken);
        var few = SuspendedRuns.Snapshot(FewRuns);
        var rest = await SuspendedRuns.AddAsync(engine, ManyRuns - FewRuns, cancellationToken);
        var many = SuspendedRuns.Snapshot(ManyRuns);

        await output.WriteLineAsync($"(c) listing the pending approvals of {ManyRuns:N0} suspended runs ...");
        var list = await PendingApprovals.MeasureAsync(engine, ManyRuns, cancellationToken);
        var listed = SuspendedRuns.Snapshot(ManyRuns);
        var postgresList = postgresSkipped is null ? await ListOnPostgresAsync(output, cancellationToken) : null;
        await output.WriteLineAsync();

        await WriteStepsAsync(output, steps, postgresSkipped);
        await WriteMemoryAsync(output, firstBatch + rest, few, many, listed);
        await WriteListAsync(output, "SQLite", list);
        if (postgresList is not null)
        {
            await WriteListAsync(output, "PostgreSQL", postgresList);
        }

        await output.WriteLineAsync(otherWork?.Describe() ?? "Other processes' CPU use: unknown.");

        var results = new Results();
        foreach (var step in steps)
        {
            string name = step.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
            results.Add($"persistence.{name}_step_us", step.Step.Median, "us");
            results.Add($"persistence.{name}_floor_us", step.Floor.Median, "us");
            results.Add($"persistence.{name}_step_vs_floor", step.Ratio, "x");
        }

        results.Add("persistence.pending_approvals_ms", list.Endpoint.Median / 1_000, "ms");
        results.Add("persistence.pending_approvals_walk_ms", list.Walk.Median / 1_000, "ms");
        results.Add("persistence.pending_approvals_first_page_ms", list.FirstPage.Median / 1_000, "ms");
        results.Add("persistence.pending_approvals_middle_page_ms", list.MiddlePage.Median / 1_000, "ms");
        results.Add("persistence.pending_approvals_before_ms", list.Before.Median / 1_000, "ms");
        if (postgresList is not null)
        {
            results.Add("persistence.postgres_pending_approvals_ms", postgresList.Endpoint.Median / 1_000, "ms");
            results.Add("persistence.postgres_pending_approvals_first_page_ms", postgresList.FirstPage.Median / 1_000, "ms");
        }

        results.Add("persistence.memory_per_suspended_run_bytes", PerRun(many.HeapBytes - few.HeapBytes), "bytes");
        results.Add("persistence.working_set_per_suspended_run_bytes", PerRun(many.WorkingSetBytes - few.WorkingSetBytes), "bytes");
        await results.WriteAsync(output);
    }

    private static double PerRun(long bytes) => bytes / (double)(ManyRuns - FewRuns);

    private static async Task WriteStepsAsync(TextWriter output, List<StepFigures> steps, string? postgresSkipped)
    {
        var table = new TargetTable();
        foreach (var step in steps)
        {
            string name = step.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
            await output.WriteLineAsync($"{name}: {step.Settings}; a run commits {step.CommitsPerRun} times and journals {step.JournalPerRun} records.");
            table.Add($"{name} step, median of {step.Step.Count} batches", step.Step.Median, "us");
            table.Add($"{name} step, fastest batch", step.Step.Min, "us");
            table.Add($"{name} floor (1-row UPDATE commit), median", step.Floor.Median, "us");
            table.Add($"{name} commit of a run, = step x 20 / commits", step.Step.Median * PersistenceDefinitions.SequenceSteps / step.CommitsPerRun, "us");
            table.AddAtMost($"{name} step / floor", step.Ratio, "x", StepTarget);
        }

        await table.WriteAsync(output);
        await output.WriteLineAsync();
        foreach (var step in steps)
        {
            await WriteBreakdownAsync(output, step);
        }

        if (postgresSkipped is not null)
        {
            await output.WriteLineAsync($"PostgreSQL was skipped: {postgresSkipped}.");
        }

        await output.WriteLineAsync();
    }

    private static async Task WriteBreakdownAsync(TextWriter output, StepFigures step)
    {
        string name = step.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        var b = step.Breakdown;
        await output.WriteLineAsync($"{name}, where a run's time goes (a stopwatch around every store call; per run of {PersistenceDefinitions.SequenceSteps} steps; run state at the end: {b.StateBytes:N0} bytes):");
        var table = new TargetTable();
        table.Add("whole run (start + execute)", b.Run.TotalMicroseconds, "us");
        table.Add($"  in CommitAsync ({b.Commits:0.#} calls)", b.InCommits.TotalMicroseconds, "us");
        table.Add("    per commit", b.InCommits.TotalMicroseconds / b.Commits, "us");
        table.Add("    per commit / floor", b.InCommits.TotalMicroseconds / b.Commits / step.Floor.Median, "x");
        table.Add($"  in lease writes ({b.LeaseCalls:0.#} calls, each its own transaction)", b.InLeases.TotalMicroseconds, "us");
        table.Add($"  in store reads ({b.Reads:0.#} calls)", b.InReads.TotalMicroseconds, "us");
        table.Add("  elsewhere (engine, definition store)", b.Engine.TotalMicroseconds, "us");
        table.Add("same run on the in-memory stores", b.InMemoryRun.TotalMicroseconds, "us");
        await table.WriteAsync(output);
        await output.WriteLineAsync();
    }

    private static async Task WriteMemoryAsync(TextWriter output, TimeSpan created, MemorySnapshot few, MemorySnapshot many, MemorySnapshot listed)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Created {many.Runs:N0} suspended runs in {created.TotalSeconds:0.0} s ({many.Runs / created.TotalSeconds:N0} runs/s, 4 at a time)."));
        var table = new TargetTable();
        table.Add($"managed heap @ {few.Runs:N0} runs", few.HeapBytes / 1024.0, "KiB");
        table.Add($"managed heap @ {many.Runs:N0} runs", many.HeapBytes / 1024.0, "KiB");
        table.Add($"managed heap @ {many.Runs:N0} runs, after listing their approvals (c)", listed.HeapBytes / 1024.0, "KiB");
        table.Add($"working set @ {few.Runs:N0} runs", few.WorkingSetBytes / 1024.0 / 1024.0, "MiB");
        table.Add($"working set @ {many.Runs:N0} runs", many.WorkingSetBytes / 1024.0 / 1024.0, "MiB");
        table.Add("heap per suspended run (@10k - @1k) / 9,000", PerRun(many.HeapBytes - few.HeapBytes), "bytes");
        table.Add("working set per suspended run", PerRun(many.WorkingSetBytes - few.WorkingSetBytes), "bytes");
        await table.WriteAsync(output);
        await output.WriteLineAsync();
    }

    /// <summary>(c) again on PostgreSQL, in a fresh schema of its own: its own 10,000 suspended runs, then the list.</summary>
    private static async Task<PendingApprovalsFigures?> ListOnPostgresAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var (postgres, skipped) = await BenchDatabase.PostgresAsync(cancellationToken);
        if (postgres is null)
        {
            await output.WriteLineAsync($"(c) PostgreSQL skipped: {skipped}.");
            return null;
        }

        await using (postgres)
        {
            await output.WriteLineAsync($"(c) ... and on PostgreSQL: {ManyRuns:N0} runs suspended at an approval, then listed ...");
            await using var engine = await PersistedEngine.CreateAsync(postgres, cancellationToken);
            await SuspendedRuns.AddAsync(engine, ManyRuns, cancellationToken);

            // The statistics autovacuum would gather within a minute of the load: without them the planner sorts
            // every pending gate to return a page of 100 (~5 ms here) instead of walking ix_bookmarks_pending (~0.05 ms).
            await BenchDatabase.ExecutePostgresAsync(postgres.ConnectionString, "ANALYZE bookmarks", cancellationToken);

            return await PendingApprovals.MeasureAsync(engine, ManyRuns, cancellationToken);
        }
    }

    private static async Task WriteListAsync(TextWriter output, string database, PendingApprovalsFigures list)
    {
        await output.WriteLineAsync($"Pending approvals on {database}: {list.Count:N0} listed, {list.BodyBytes:N0} bytes of JSON, the same as the former endpoint wrote. Plan: {list.Plan}.");
        var table = new TargetTable();
        table.AddAtMost($"GET /api/approvals, all: store walk + JSON written (no HTTP), median of {list.Endpoint.Count}", list.Endpoint.Median / 1_000, "ms", ListTargetMs);
        table.Add("  store walk alone: rows handed out as UTF-8, nothing written", list.Walk.Median / 1_000, "ms");
        table.Add("  for comparison: the same rows, every column read as a .NET string", list.StringRows.Median / 1_000, "ms");
        table.AddAtMost($"first page: take = {PendingApprovals.Page}, store walk + JSON", list.FirstPage.Median / 1_000, "ms", ListTargetMs);
        table.AddAtMost($"a page in the middle: take = {PendingApprovals.Page}, after = the {list.Count / 2:N0}th (its look-up included)", list.MiddlePage.Median / 1_000, "ms", ListTargetMs);
        table.Add($"before: GetBookmarksAsync + GetAsync per gate's run, median of {list.Before.Count}", list.Before.Median / 1_000, "ms");
        await table.WriteAsync(output);
        await output.WriteLineAsync();
    }
}
