using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>What one workflow's crash matrix found.</summary>
internal sealed class MatrixFigures(string workflow, string database)
{
    public string Workflow { get; } = workflow;

    public List<string> Points { get; } = [];

    public int RunsLost { get; set; }

    public int DuplicateSideEffects { get; set; }

    public int InDoubtIncidents { get; set; }

    public override string ToString() =>
        $"Crash matrix {Workflow} on {database}: {Points.Count} points tried, {RunsLost} runs lost, {DuplicateSideEffects} duplicate side effects, "
        + $"{InDoubtIncidents} in-doubt incident(s) resolved by an operator after checking the lab";
}

/// <summary>
/// The crash matrix of activation and failback on one database. One CrashHost at a time (the real
/// host with a kill switch) over one database and one lab state file; the lab goes round the cycle an
/// operator would: primary fails, activation, clear-local-cms on the isolated old primary, failback.
/// The first cycle is the uninterrupted reference the kill points are read from; in each later cycle
/// the activation and the failback run are each killed (SIGKILL, by the host itself) at one point,
/// the host restarted over the same database and lab, and the run driven to its end through the API:
/// gates decided by users other than the starter, in-doubt incidents resolved after checking the lab.
/// </summary>
internal sealed class CrashMatrix : IAsyncDisposable
{
    public const string Activation = "activation";
    public const string ClearLocalCms = "clear-local-cms";
    public const string Failback = "failback";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

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

    private CrashMatrix(string name, string database, string url, string[] args, IReadOnlyDictionary<string, string> environment, Action<string> log)
    {
        _log = log;
        _name = name;
        _args = args;
        _environment = environment;
        _api = new RunbookApi(url);
        Figures = new Dictionary<string, MatrixFigures>(StringComparer.Ordinal)
        {
            [Activation] = new(Activation, database),
            [Failback] = new(Failback, database),
        };
    }

    public IReadOnlyDictionary<string, MatrixFigures> Figures { get; }

    /// <summary>Every run started, for the final check of the database.</summary>
    public List<string> Runs { get; } = [];

    public int HostStarts => _hosts.Count;

    private string Elapsed => $"{Stopwatch.GetElapsedTime(_started).TotalSeconds:0.0} s:";

    /// <summary>Starts the first host over an empty database (SQLite: <paramref name="databaseArgs"/>; PostgreSQL: <paramref name="environment"/>).</summary>
    public static async Task<CrashMatrix> StartAsync(string database, string folder, IEnumerable<string> databaseArgs, IReadOnlyDictionary<string, string> environment, Action<string> log, CancellationToken cancellationToken)
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
        var matrix = new CrashMatrix($"crash host ({database})", database, url, args, environment, log);
        await matrix.StartHostAsync(cancellationToken);
        return matrix;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (activation, failback) = await CycleAsync(null, null, cancellationToken);
        var activationPoints = CrashPoints.Derive(_references[Activation], await CommitsOfAsync(activation, _references[Activation], cancellationToken));
        var failbackPoints = CrashPoints.Derive(_references[Failback], await CommitsOfAsync(failback, _references[Failback], cancellationToken));
        _log($"{Elapsed} reference cycle done; {activationPoints.Count} activation and {failbackPoints.Count} failback points");
        for (int i = 0; i < Math.Max(activationPoints.Count, failbackPoints.Count); i++)
        {
            await CycleAsync(activationPoints.ElementAtOrDefault(i), failbackPoints.ElementAtOrDefault(i), cancellationToken);
            _log($"{Elapsed} cycle {i + 1} done ({_hosts.Count} host starts)");
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

    private async Task<(string Activation, string Failback)> CycleAsync(CrashPoint? activationPoint, CrashPoint? failbackPoint, CancellationToken cancellationToken)
    {
        // The primary site fails.
        await CallAsync(() => _api.ResetLabAsync(cancellationToken), cancellationToken);
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, true, cancellationToken), cancellationToken);
        string activation = await RunToEndAsync(Activation, [], activationPoint, cancellationToken);

        // Its nodes come back isolated, reachable on the console only: clear the CMS there.
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, false, cancellationToken), cancellationToken);
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary", ["consoleAccess"] = "true" }, true, cancellationToken), cancellationToken);
        await RunToEndAsync(ClearLocalCms, new JsonObject { ["site"] = "primary" }, null, cancellationToken);

        // The primary rejoins the network: failback.
        await CallAsync(() => _api.FaultAsync("SiteIsolated", new JsonObject { ["site"] = "primary" }, false, cancellationToken), cancellationToken);
        string failback = await RunToEndAsync(Failback, [], failbackPoint, cancellationToken);
        return (activation, failback);
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
        int inDoubt = 0;
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

            if (runId is null || await TryAdvanceAsync(definitionId, runId, mark, cancellationToken) is not { } state)
            {
                await Task.Delay(10, cancellationToken);
                continue;
            }

            inDoubt += state.InDoubtResolved;
            if (state.Finished && point is not null && !killed)
            {
                // The run's last commit is visible before the host, right after it, kills itself.
                await _host.ExpectAsync(l => l.Text.StartsWith("KILL ", StringComparison.Ordinal), Timeout, $"reach the kill point {point} of its finished run {runId}", cancellationToken);
                await _host.WaitForExitAsync(Timeout, cancellationToken);
                continue;
            }

            if (state.Finished)
            {
                break;
            }

            await Task.Delay(20, cancellationToken);
        }

        Runs.Add(runId);
        if (point is not null)
        {
            Assert.IsTrue(killed, $"{definitionId} run {runId} finished without reaching the kill point {point}.");
        }

        var run = await CallAsync(() => _api.RunAsync(runId, cancellationToken), cancellationToken);
        var commands = (await CallAsync(() => _api.LabCommandsAsync(cancellationToken), cancellationToken)).Skip(mark).Where(CrashPoints.IsSiteChange).ToList();
        await RecordAsync(definitionId, runId, run["status"]!.ToString(), commands, point, inDoubt, cancellationToken);
        return runId;
    }

    /// <summary>One look at the run: decides its gates and resolves in-doubt incidents. Null when the host did not answer.</summary>
    private async Task<(bool Finished, int InDoubtResolved)?> TryAdvanceAsync(string definitionId, string runId, int mark, CancellationToken cancellationToken)
    {
        try
        {
            var run = await _api.RunAsync(runId, cancellationToken);
            if (run["finishedAt"] is not null)
            {
                return (true, 0);
            }

            foreach (var gate in run["pendingApprovals"]!.AsArray())
            {
                await _api.DecideAsync(gate!, cancellationToken);
            }

            int resolved = 0;
            foreach (var incident in run["incidents"]!.AsArray().Where(i => i!["status"]!.ToString() == "open"))
            {
                Assert.AreEqual("InDoubt", incident!["kind"]!.ToString(), $"{definitionId} run {runId} stopped on an incident: {incident["message"]}");
                await ResolveInDoubtAsync(definitionId, runId, incident, mark, cancellationToken);
                resolved++;
            }

            return (false, resolved);
        }
        catch (HttpRequestException)
        {
            return null; // the host is dying or died; the loop sees its exit
        }
    }

    /// <summary>
    /// What an operator does with "in doubt: the command may have run": look at the sites (here the
    /// lab's record of commands since the run started) and either skip the activity as done, when its
    /// command did run, or retry it, when it did not.
    /// </summary>
    private async Task ResolveInDoubtAsync(string definitionId, string runId, JsonNode incident, int mark, CancellationToken cancellationToken)
    {
        string activityId = incident["activityId"]!.ToString();
        var reference = CrashPoints.SiteChanges(_references[definitionId]);
        int index = reference.ToList().FindIndex(c => c.ActivityId == activityId);
        Assert.IsGreaterThanOrEqualTo(0, index, $"In doubt at {activityId}, which runs no site-changing command.");
        string command = reference[index].CommandLine;
        int before = reference.Take(index).Count(c => c.CommandLine == command);
        int seen = (await _api.LabCommandsAsync(cancellationToken)).Skip(mark).Count(c => c == command);
        bool ran = seen > before;
        await _api.ResolveAsync(
            runId,
            incident["incidentId"]!.ToString(),
            ran ? "skip" : "retry",
            ran ? "Done" : null,
            ran ? $"The lab shows '{command}' ran: treated as done." : $"The lab shows '{command}' did not run: run it.",
            cancellationToken);
    }

    private async Task RecordAsync(string definitionId, string runId, string status, List<string> commands, CrashPoint? point, int inDoubt, CancellationToken cancellationToken)
    {
        var counts = commands.GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (!_referenceCounts.TryGetValue(definitionId, out var reference))
        {
            Assert.AreEqual("Completed", status, $"The reference {definitionId} run {runId} did not complete.");
            _referenceCounts[definitionId] = counts;
            _references[definitionId] = await CallAsync(() => _api.JournalAsync(runId, cancellationToken), cancellationToken);
            return;
        }

        int duplicates = counts.Sum(c => Math.Max(0, c.Value - reference.GetValueOrDefault(c.Key)));
        var missing = reference.Where(r => counts.GetValueOrDefault(r.Key) < r.Value).Select(r => r.Key).ToList();
        Assert.IsEmpty(missing, $"{definitionId} run {runId} ({point?.Description ?? "no kill"}) completed without running {string.Join(", ", missing)}.");
        if (Figures.TryGetValue(definitionId, out var figures) && point is not null)
        {
            figures.Points.Add(point.Description);
            figures.RunsLost += status == "Completed" ? 0 : 1;
            figures.DuplicateSideEffects += duplicates;
            figures.InDoubtIncidents += inDoubt;
        }
        else
        {
            Assert.AreEqual("Completed", status, $"{definitionId} run {runId} did not complete.");
            Assert.AreEqual(0, duplicates, $"{definitionId} run {runId} ran a site-changing command twice: {string.Join(", ", commands)}.");
        }
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
