using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>
/// The crash matrix of one workflow (activation or failback) on one database. One CrashHost at a time
/// (the real host with a kill switch) over one database and one lab state file; the lab goes round
/// the cycle an operator would: primary fails, activation, then (for failback) clear-local-cms on the
/// isolated old primary and failback. The first cycle is the uninterrupted reference the kill points
/// are read from; in each later cycle the workflow's run is killed (SIGKILL, by the host itself) at
/// one point, the host restarted over the same database and lab, and the run driven to its end
/// through the API: gates decided by users other than the starter, in-doubt incidents resolved after
/// checking the lab.
/// </summary>
internal sealed partial class CrashMatrix : IAsyncDisposable
{
    public const string Activation = "activation";
    public const string ClearLocalCms = "clear-local-cms";
    public const string Failback = "failback";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Journal kinds after which a run waits for someone, or has ended.</summary>
    private static readonly HashSet<string> SettlingKinds = ["RunSuspended", "IncidentOpened", "RunCompleted", "RunFaulted", "RunCancelled"];

    private readonly string _workflow;
    private readonly string _name;
    private readonly string[] _args;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly RunbookApi _api;
    private readonly List<TestHostProcess> _hosts = [];
    private readonly Dictionary<string, JsonArray> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _referenceCounts = new(StringComparer.Ordinal);
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Action<string> _log;
    private TestHostProcess _host = null!;

    private CrashMatrix(string workflow, string database, string url, string[] args, IReadOnlyDictionary<string, string> environment, Action<string> log)
    {
        _workflow = workflow;
        _log = log;
        _name = $"{workflow} crash host ({database})";
        _args = args;
        _environment = environment;
        _api = new RunbookApi(url);
        Figures = new MatrixFigures(workflow, database);
    }

    public MatrixFigures Figures { get; }

    /// <summary>Every run started, for the final check of the database.</summary>
    public List<string> Runs { get; } = [];

    public int HostStarts => _hosts.Count;

    private string Elapsed => $"{_name}, {Stopwatch.GetElapsedTime(_started).TotalSeconds:0.0} s:";

    /// <summary>Starts the first host over an empty database (SQLite: <paramref name="databaseArgs"/>; PostgreSQL: <paramref name="environment"/>).</summary>
    public static async Task<CrashMatrix> StartAsync(string workflow, string database, string folder, IEnumerable<string> databaseArgs, IReadOnlyDictionary<string, string> environment, Action<string> log, CancellationToken cancellationToken)
    {
        string url = $"http://127.0.0.1:{FreePort()}";
        string[] args =
        [
            $"--urls={url}",
            $"--Runbook:WorkflowsPath={Path.Combine(RepositoryRoot(), "workflows")}",
            $"--Runbook:DesignerPath={Path.Combine(folder, "no-designer")}",
            $"--Runbook:Lab:StateFile={Path.Combine(folder, "lab-state.json")}",
            "--Runbook:Lab:TimeScale=0",
            "--Runbook:Lab:RecentCommandLimit=10000",
            // The same host id after every restart: the restarted host takes its own leases back at once.
            "--Runbook:Engine:HostId=crash-matrix-host",
            "--Runbook:Engine:PollInterval=00:00:00.050",
            "--Logging:LogLevel:Default=Warning",
            .. RunbookApi.UserSettings(),
            .. databaseArgs,
        ];
        var matrix = new CrashMatrix(workflow, database, url, args, environment, log);
        await matrix.StartHostAsync(cancellationToken);
        return matrix;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string reference = await CycleAsync(null, cancellationToken);
        var points = CrashPoints.Derive(_references[_workflow], await CommitsOfAsync(reference, _references[_workflow], cancellationToken));
        _log($"{Elapsed} reference cycle done; {points.Count} points");
        foreach (var point in points)
        {
            await CycleAsync(point, cancellationToken);
            _log($"{Elapsed} killed {point}; {_hosts.Count} host starts");
        }
    }

    /// <summary>Stops the last host (SIGKILL like the others) so that the database can be checked.</summary>
    public async Task StopAsync()
    {
        if (_host.ExitCode is null)
        {
            await _host.KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _api.Dispose();
    }

    /// <summary>One turn of the lab's cycle, up to and including the run of the matrix's workflow (killed at <paramref name="point"/>); returns that run's id.</summary>
    private async Task<string> CycleAsync(CrashPoint? point, CancellationToken cancellationToken)
    {
        // The primary site fails.
        await CallAsync(() => _api.ResetLabAsync(cancellationToken), cancellationToken);
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, true, cancellationToken), cancellationToken);
        string activation = await RunToEndAsync(Activation, [], _workflow == Activation ? point : null, cancellationToken);
        if (_workflow == Activation)
        {
            return activation;
        }

        // Its nodes come back isolated, reachable on the console only: clear the CMS there.
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, false, cancellationToken), cancellationToken);
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary", ["consoleAccess"] = "true" }, true, cancellationToken), cancellationToken);
        await RunToEndAsync(ClearLocalCms, new JsonObject { ["site"] = "primary" }, null, cancellationToken);

        // The primary rejoins the network: failback.
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, false, cancellationToken), cancellationToken);
        return await RunToEndAsync(Failback, [], point, cancellationToken);
    }

    /// <summary>
    /// Starts a run (the host armed to kill itself at <paramref name="point"/>), restarts the host when
    /// it died, and drives the run to its end; then compares the site-changing commands in the lab's
    /// own record with the reference run's.
    /// </summary>
    private async Task<string> RunToEndAsync(string definitionId, JsonObject input, CrashPoint? point, CancellationToken cancellationToken)
    {
        int mark = (await CallAsync(() => _api.LabCommandsAsync(cancellationToken), cancellationToken)).Count;
        var before = (await CallAsync(() => _api.RunIdsAsync(definitionId, cancellationToken), cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (point is not null)
        {
            await _host.SendAsync("ARM " + point.Target);
            await _host.ExpectAsync(l => l.Text.StartsWith("ARMED ", StringComparison.Ordinal), Timeout, $"arm '{point.Target}'", cancellationToken);
        }

        string? runId = await _api.TryStartAsync(definitionId, input, cancellationToken);
        bool killed = false;
        var inDoubt = new Dictionary<string, string>(StringComparer.Ordinal); // incident id -> what the operator did
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (Stopwatch.GetElapsedTime(started) > Timeout)
            {
                Assert.Fail($"{definitionId} run {runId} did not finish within {Timeout.TotalSeconds:0} s ({point?.Description ?? "no kill"}).{Environment.NewLine}{_host.Diagnostics()}");
            }

            if (_host.ExitCode is not null)
            {
                Assert.IsNotNull(point, $"{_host.Name} died with no kill point armed.{Environment.NewLine}{_host.Diagnostics()}");
                Assert.IsFalse(killed, $"{_host.Name} died a second time in the same run.{Environment.NewLine}{_host.Diagnostics()}");
                await RestartAfterKillAsync(point, cancellationToken);
                killed = true;
                runId ??= (await CallAsync(() => _api.RunIdsAsync(definitionId, cancellationToken), cancellationToken)).Single(id => !before.Contains(id));
                continue;
            }

            if (runId is null || await TryAdvanceAsync(definitionId, runId, mark, inDoubt, cancellationToken) is not { } finished)
            {
                await Task.Delay(10, cancellationToken);
                continue;
            }

            if (finished && point is not null && !killed)
            {
                // The run's last commit is visible before the host, right after it, kills itself.
                await _host.ExpectAsync(l => l.Text.StartsWith("KILL ", StringComparison.Ordinal), Timeout, $"reach the kill point {point} of its finished run {runId}", cancellationToken);
                await _host.WaitForExitAsync(Timeout, cancellationToken);
                continue;
            }

            if (finished)
            {
                break;
            }

            // Look again once the run settles somewhere (a gate, an incident, its end), or after a while anyway.
            await _host.NextAsync(l => l.IsCommit && l.Fields[1] == runId && l.Fields[4].Split(',').Any(SettlingKinds.Contains), TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        Runs.Add(runId);
        if (point is not null)
        {
            Assert.IsTrue(killed, $"{definitionId} run {runId} finished without reaching the kill point {point}.");
        }

        var run = await CallAsync(() => _api.RunAsync(runId, cancellationToken), cancellationToken);
        var commands = (await CallAsync(() => _api.LabCommandsAsync(cancellationToken), cancellationToken)).Skip(mark).Where(CrashPoints.IsSiteChange).ToList();
        await RecordAsync(definitionId, runId, run["status"]!.ToString(), commands, point, [.. inDoubt.Values], cancellationToken);
        return runId;
    }

    private async Task RestartAfterKillAsync(CrashPoint point, CancellationToken cancellationToken)
    {
        await _host.DrainAsync(Timeout, cancellationToken);
        var kill = _host.Lines.LastOrDefault(l => l.Text.StartsWith("KILL ", StringComparison.Ordinal));
        Assert.IsNotNull(kill, $"{_host.Name} exited with code {_host.ExitCode} without reaching a kill point.{Environment.NewLine}{_host.Diagnostics()}");
        StringAssert.EndsWith(kill.Text, " " + point.Target);
        Assert.AreEqual(137, _host.ExitCode, $"{_host.Name} was not killed by SIGKILL.");
        await StartHostAsync(cancellationToken);
    }

    private async Task StartHostAsync(CancellationToken cancellationToken)
    {
        _host = TestHostProcess.Start($"{_name} #{_hosts.Count + 1}", _args, _environment, TestHostProcess.CrashHostDllPath);
        _hosts.Add(_host);
        await _host.ExpectAsync(l => l.Text.StartsWith("READY ", StringComparison.Ordinal), Timeout, "start", cancellationToken);
    }

    /// <summary>The commits the current host printed for a run, as (first, last) journal sequence numbers, up to the journal's last record.</summary>
    private async Task<List<(long First, long Last)>> CommitsOfAsync(string runId, JsonArray journal, CancellationToken cancellationToken)
    {
        string last = journal[^1]!["seq"]!.ToString();
        bool IsLast(HostLine l) => l.IsCommit && l.Fields[1] == runId && l.Fields[3] == last;
        if (!_host.Lines.Any(IsLast))
        {
            await _host.ExpectAsync(IsLast, Timeout, $"print the commit of record {last} of {runId}", cancellationToken);
        }

        return [.. _host.Lines.Where(l => l.IsCommit && l.Fields[1] == runId)
            .Select(l => (long.Parse(l.Fields[2], CultureInfo.InvariantCulture), long.Parse(l.Fields[3], CultureInfo.InvariantCulture)))];
    }

    /// <summary>An API call the host must answer (no kill is armed while it runs).</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        try
        {
            return await call();
        }
        catch (HttpRequestException ex)
        {
            Assert.Fail($"{_host.Name} did not answer: {ex.Message}{Environment.NewLine}{_host.Diagnostics()}");
            throw;
        }
    }

    private Task CallAsync(Func<Task> call, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunbookHost.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found.");
    }
}
