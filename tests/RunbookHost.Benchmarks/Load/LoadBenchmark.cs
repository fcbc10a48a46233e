using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RunbookHost.Benchmarks.Measurement;

namespace RunbookHost.Benchmarks.Load;

/// <summary>
/// 1,000 activation runs through the HTTP API of the real host. One lab is one pair of sites, and
/// an activation flips its storage and moves its CMS, so two activations cannot both act on it:
/// all runs are started at once by 32 clients and run their read-only preflight concurrently up to
/// the failure approval; then, one at a time, the lab is put back to "primary site down" (reset,
/// SiteIsolated) and the run's gates are decided by people other than the starter until it
/// completes, while 16 watchers read runs and pending approvals the whole time.
/// </summary>
internal static class LoadBenchmark
{
    private const int Starters = 32;
    private const int Watchers = 16;

    public static async Task RunAsync(TextWriter output, CancellationToken ct)
    {
        int runs = int.TryParse(Environment.GetEnvironmentVariable("RUNBOOK_LOAD_RUNS"), CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 1000;
        await output.WriteLineAsync($"Load: {runs} activation runs through the API; {MachineInfo.Describe()}");
        await using var memory = new PeakMemory();
        await using var host = await LoadHost.StartAsync(ct);
        using var api = new LoadApi(host.Address, LoadHost.Keys);
        await PrimaryDownAsync(api, reset: false, ct);
        var wall = Stopwatch.StartNew();

        var ids = await StartAllAsync(api, runs, ct);
        await output.WriteLineAsync($"  started {ids.Count} runs in {wall.Elapsed.TotalSeconds:0.0} s; waiting for every run at its first approval");
        await WaitAllSuspendedAsync(api, runs, ct);
        await output.WriteLineAsync($"  {runs} runs wait at the failure approval after {wall.Elapsed.TotalSeconds:0.0} s; driving them one by one");

        using var stopWatchers = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watchers = Enumerable.Range(0, Watchers).Select(i => WatchAsync(api, ids, i, stopWatchers.Token)).ToList();
        int completed = 0;
        for (int i = 0; i < ids.Count; i++)
        {
            if (i > 0)
            {
                await PrimaryDownAsync(api, reset: true, ct);
            }

            completed += await DriveAsync(api, ids[i], ct) ? 1 : 0;
            if ((i + 1) % 100 == 0)
            {
                await output.WriteLineAsync($"  {i + 1} driven, {completed} completed, {wall.Elapsed.TotalSeconds:0} s");
            }
        }

        await stopWatchers.CancelAsync();
        await Task.WhenAll(watchers);
        var elapsed = wall.Elapsed;
        int valid = 0;
        foreach (string id in ids)
        {
            valid += (await api.GetAsync("verify", "viewer", $"/api/runs/{id}/journal/verify", ct))["valid"]!.GetValue<bool>() ? 1 : 0;
        }

        await ReportAsync(output, api, memory, runs, completed, valid, elapsed);
    }

    private static async Task<List<string>> StartAllAsync(LoadApi api, int runs, CancellationToken ct)
    {
        var ids = new string?[runs];
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, Starters).Select(async _ =>
        {
            for (int i = Interlocked.Increment(ref next); i < runs; i = Interlocked.Increment(ref next))
            {
                var started = await api.PostAsync("start", "olivia", "/api/runs", new JsonObject { ["definitionId"] = "activation", ["input"] = new JsonObject() }, ct);
                ids[i] = started["runId"]!.ToString();
            }
        }));
        return [.. ids.Select(id => id!)];
    }

    private static async Task WaitAllSuspendedAsync(LoadApi api, int runs, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(20));
        while ((await api.GetAsync("list runs", "viewer", "/api/runs?status=Suspended&take=1", limit.Token))["total"]!.GetValue<int>() < runs)
        {
            await Task.Delay(200, limit.Token);
        }
    }

    /// <summary>The lab's picture before an activation: the seed's state with the primary site cut off.</summary>
    private static async Task PrimaryDownAsync(LoadApi api, bool reset, CancellationToken ct)
    {
        if (reset)
        {
            await api.PostAsync("lab", "ada", "/api/lab/reset", [], ct);
        }

        await api.PostAsync("lab", "ada", "/api/lab/faults", new JsonObject { ["fault"] = "SiteIsolated", ["parameters"] = new JsonObject { ["site"] = "primary" } }, ct);
    }

    /// <summary>Decides the run's gates (approvals by the approver, manual steps by the admin; never the starter) until it ends.</summary>
    private static async Task<bool> DriveAsync(LoadApi api, string runId, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var run = await api.GetAsync("get run", "viewer", $"/api/runs/{runId}", limit.Token);
            string status = run["status"]!.ToString();
            if (status is "Completed" or "Faulted" or "Cancelled")
            {
                return status == "Completed";
            }

            var gates = run["pendingApprovals"]!.AsArray();
            foreach (var gate in gates)
            {
                bool approval = gate!["kind"]!.ToString() == "approval";
                await api.PostAsync("decide", approval ? "amir" : "ada", $"/api/approvals/{gate["approvalId"]}", new JsonObject { ["decision"] = "approve", ["comment"] = "load test" }, limit.Token);
            }

            if (gates.Count == 0)
            {
                await Task.Delay(5, limit.Token);
            }
        }
    }

    /// <summary>An operator screen: one run, then the approvals waiting for it, over and over.</summary>
    private static async Task WatchAsync(LoadApi api, IReadOnlyList<string> ids, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                string id = ids[random.Next(ids.Count)];
                await api.GetAsync("get run", "viewer", $"/api/runs/{id}", ct);
                await api.GetAsync("list approvals", "viewer", $"/api/approvals?runId={id}", ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ReportAsync(TextWriter output, LoadApi api, PeakMemory memory, int runs, int completed, int valid, TimeSpan elapsed)
    {
        var results = new Results();
        results.Add("load.runs_started", runs, "runs");
        results.Add("load.runs_completed", completed, "runs");
        results.Add("load.journals_valid", valid, "runs");
        results.Add("load.wall_time_s", elapsed.TotalSeconds, "s");
        results.Add("load.throughput_runs_per_min", completed / elapsed.TotalMinutes, "runs/min");
        var all = new Samples();
        foreach (var (kind, samples) in api.Timings.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            string name = kind.Replace(' ', '_');
            results.Add($"load.{name}.calls", samples.Count, "calls");
            results.Add($"load.{name}.p50_ms", samples.Median / 1000, "ms");
            results.Add($"load.{name}.p99_ms", samples.P99 / 1000, "ms");
            results.Add($"load.{name}.max_ms", samples.Percentile(100) / 1000, "ms");
            foreach (double micros in samples.Values)
            {
                all.Add(TimeSpan.FromMicroseconds(micros));
            }
        }

        results.Add("load.api_calls", all.Count, "calls");
        results.Add("load.api_p50_ms", all.Median / 1000, "ms");
        results.Add("load.api_p99_ms", all.P99 / 1000, "ms");
        results.Add("load.api_max_ms", all.Percentile(100) / 1000, "ms");
        results.Add("load.peak_working_set_mb", memory.PeakWorkingSetBytes / (1024.0 * 1024), "MB");
        results.Add("load.peak_managed_heap_mb", memory.PeakManagedHeapBytes / (1024.0 * 1024), "MB");
        await results.WriteAsync(output);
    }
}
