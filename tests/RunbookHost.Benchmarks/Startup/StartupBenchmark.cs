using System.Globalization;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Benchmarks.Targets;

namespace RunbookHost.Benchmarks.Startup;

/// <summary>
/// The host's start-up as an operator meets it: a real process from launch to the first 200 on
/// <c>/health</c>, next to a minimal ASP.NET Core app published and launched the same way (published
/// ReadyToRun first, untimed: <see cref="AppPublish"/>). Launches alternate
/// (minimal, host on a fresh database, host restarted on that database, host on a fresh
/// database with no workflows to import), after one untimed round; then one traced launch of each app.
/// </summary>
internal static class StartupBenchmark
{
    public const double RatioTarget = 2;
    private const int Rounds = 7;

    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("Start-up: the host vs a minimal ASP.NET Core app, launch to the first 200 on /health");
        await output.WriteLineAsync($"Machine: {MachineInfo.Describe()}");
        await output.WriteLineAsync(LoadAverage.Describe("at start"));
        await output.WriteLineAsync($"Publishing both apps (not timed): dotnet publish <project> {string.Join(' ', AppPublish.Options)} -o artifacts/startup/<app> ...");
        string hostDll = await AppPublish.PublishAsync("src/RunbookHost.Server/RunbookHost.Server.csproj", "host", cancellationToken);
        string minimalDll = await AppPublish.PublishAsync("tests/RunbookHost.Benchmarks.MinimalHost/RunbookHost.Benchmarks.MinimalHost.csproj", "minimal", cancellationToken);
        await output.WriteLineAsync($"Host: {hostDll}");
        await output.WriteLineAsync($"Minimal: {minimalDll}");
        await output.WriteLineAsync($"Each launched as `dotnet <dll> --urls=http://127.0.0.1:<free port> ...` in a temp folder; /health polled every 5 ms.");
        await output.WriteLineAsync();

        var minimal = new Samples(Rounds);
        var fresh = new Samples(Rounds);
        var restart = new Samples(Rounds);
        var noImport = new Samples(Rounds);
        for (int round = 0; round <= Rounds; round++)
        {
            bool timed = round > 0;
            await output.WriteLineAsync(timed ? $"round {round} of {Rounds} ..." : "untimed round (disk cache, first JIT of the muxer) ...");
            using var folder = new TempFolder();
            var minimalLaunch = await AppLaunch.RunAsync(LaunchedApp.Minimal(minimalDll), folder.Path, cancellationToken);
            var freshLaunch = await AppLaunch.RunAsync(LaunchedApp.Host(hostDll, folder.Path), folder.Path, cancellationToken);
            var restartLaunch = await AppLaunch.RunAsync(LaunchedApp.Host(hostDll, folder.Path), folder.Path, cancellationToken);
            using var other = new TempFolder();
            string empty = Directory.CreateDirectory(System.IO.Path.Combine(other.Path, "no-workflows")).FullName;
            var noImportLaunch = await AppLaunch.RunAsync(LaunchedApp.Host(hostDll, other.Path, $"--Runbook:WorkflowsPath={empty}"), other.Path, cancellationToken);
            if (timed)
            {
                minimal.Add(minimalLaunch.ToHealthy);
                fresh.Add(freshLaunch.ToHealthy);
                restart.Add(restartLaunch.ToHealthy);
                noImport.Add(noImportLaunch.ToHealthy);
            }
        }

        await output.WriteLineAsync("traced launches (not timed: one of each, logging start-up's steps) ...");
        using var traceFolder = new TempFolder();
        var minimalTrace = await AppLaunch.RunAsync(LaunchedApp.Minimal(minimalDll).Traced(), traceFolder.Path, cancellationToken);
        var hostTrace = await AppLaunch.RunAsync(LaunchedApp.Host(hostDll, traceFolder.Path).Traced(), traceFolder.Path, cancellationToken);

        await output.WriteLineAsync();
        double ratio = fresh.Median / minimal.Median;
        double restartRatio = restart.Median / minimal.Median;
        var table = new TargetTable();
        table.Add($"minimal app, median of {Rounds}", minimal.Median / 1_000, "ms");
        table.Add("minimal app, fastest", minimal.Min / 1_000, "ms");
        table.Add($"host, fresh database, median of {Rounds}", fresh.Median / 1_000, "ms");
        table.Add("host, fresh database, fastest", fresh.Min / 1_000, "ms");
        table.Add($"host, restart on its database, median of {Rounds}", restart.Median / 1_000, "ms");
        table.Add($"host, fresh database, no workflows to import, median of {Rounds}", noImport.Median / 1_000, "ms");
        table.AddAtMost("host (fresh database) / minimal", ratio, "x", RatioTarget);
        table.AddAtMost("host (restart) / minimal", restartRatio, "x", RatioTarget);
        await table.WriteAsync(output);
        await output.WriteLineAsync();

        await WriteTraceAsync(output, minimalTrace);
        await WriteTraceAsync(output, hostTrace);
        await output.WriteLineAsync(LoadAverage.Describe("at end"));
        var results = new Results();
        results.Add("startup.host_ms", fresh.Median / 1_000, "ms");
        results.Add("startup.minimal_ms", minimal.Median / 1_000, "ms");
        results.Add("startup.ratio", ratio, "x");
        results.Add("startup.host_restart_ms", restart.Median / 1_000, "ms");
        results.Add("startup.restart_ratio", restartRatio, "x");
        results.Add("startup.host_no_import_ms", noImport.Median / 1_000, "ms");
        await results.WriteAsync(output);
    }

    /// <summary>What a traced launch wrote until it answered, ms after the launch; the demo users' keys left out.</summary>
    private static async Task WriteTraceAsync(TextWriter output, LaunchResult launch)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{launch.App}: first 200 at {launch.ToHealthy.TotalMilliseconds:0} ms; what it wrote until then (ms after launch):"));
        foreach (var line in launch.Output.Where(l => l.Text.Trim().Length > 0 && !l.Text.Contains("key:", StringComparison.Ordinal)))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {line.AtMs,7:0} {line.Text.Trim()}"));
        }

        await output.WriteLineAsync();
    }

    /// <summary>A temp folder for one round's database and lab state, deleted afterwards.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("runbook-startup-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
