using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Threading.Channels;

namespace RunbookHost.Persistence.Tests.Durability;

/// <summary>One stdout line of a TestHost, with when the test read it.</summary>
internal sealed record HostLine(string Text, long At)
{
    /// <summary>The fields of a <c>COMMIT &lt;runId&gt; &lt;seq&gt; &lt;kind&gt; &lt;activityId&gt; [intent:&lt;sideEffect&gt;]</c> line.</summary>
    public string[] Fields => Text.Split(' ');

    public bool IsCommit => Text.StartsWith("COMMIT ", StringComparison.Ordinal);

    public string? CommitRunId => IsCommit ? Fields[1] : null;
}

/// <summary>
/// A RunbookHost.TestHost (or RunbookHost.CrashHost) child process (<c>dotnet RunbookHost.TestHost.dll ...</c>):
/// its stdout lines are read as they come, its stderr kept for failure messages, its stdin takes
/// instructions. Killing it sends SIGKILL.
/// </summary>
internal sealed class TestHostProcess : IAsyncDisposable
{
    private const int StderrLinesKept = 60;

    private readonly Process _process;
    private readonly Channel<HostLine> _lines = Channel.CreateUnbounded<HostLine>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly List<HostLine> _read = [];
    private readonly Task _pump;

    private TestHostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
                while (_stderr.Count > StderrLinesKept && _stderr.TryDequeue(out string? _))
                {
                }
            }
        };
        _process.BeginErrorReadLine();
        _pump = PumpAsync();
    }

    public string Name { get; }

    /// <summary>Every stdout line the test has read so far, in order.</summary>
    public IReadOnlyList<HostLine> Lines => _read;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The built TestHost dll (recorded at build time by the test project).</summary>
    public static string DllPath { get; } = BuiltDll("RunbookHost.TestHost");

    /// <summary>The built CrashHost dll: the real host with a kill switch.</summary>
    public static string CrashHostDllPath { get; } = BuiltDll("RunbookHost.CrashHost");

    public static TestHostProcess Start(string name, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? dll = null)
    {
        dll ??= DllPath;
        if (!File.Exists(dll))
        {
            Assert.Fail($"{dll} does not exist: build {Path.GetFileNameWithoutExtension(dll)} (dotnet test builds it as a project reference).");
        }

        // dotnet test tells its children which muxer runs them; outside it, the one on PATH.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        return new TestHostProcess(name, process);
    }

    /// <summary>
    /// Reads lines until one matches and returns it, or null when the process ended first. Fails the
    /// test when nothing matches within <paramref name="timeout"/>.
    /// </summary>
    public async Task<HostLine?> WaitForAsync(Func<HostLine, bool> match, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(limit.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    _read.Add(line);
                    if (match(line))
                    {
                        return line;
                    }
                }
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{Name} did not {what} within {timeout.TotalSeconds:0} s.{Environment.NewLine}{Diagnostics()}");
            return null;
        }
    }

    /// <summary>Reads lines until one matches and returns it; null when none did within <paramref name="timeout"/> or the process ended.</summary>
    public async Task<HostLine?> NextAsync(Func<HostLine, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await WaitForAsync(match, Timeout.InfiniteTimeSpan, "match", limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Like <see cref="WaitForAsync"/>, but the process ending first fails the test too.</summary>
    public async Task<HostLine> ExpectAsync(Func<HostLine, bool> match, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var line = await WaitForAsync(match, timeout, what, cancellationToken);
        if (line is null)
        {
            await _process.WaitForExitAsync(cancellationToken);
            Assert.Fail($"{Name} exited with code {_process.ExitCode} before it could {what}.{Environment.NewLine}{Diagnostics()}");
        }

        return line;
    }

    /// <summary>Writes one line to the process's stdin.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Reads the remaining lines until the process closes its stdout (after it exited or was killed).</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await WaitForAsync(_ => false, timeout, "close its output", cancellationToken);

    /// <summary>Kills the process with SIGKILL (no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Freezes (SIGSTOP) or thaws (SIGCONT) the process, as a long GC pause or a stalled VM would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.AreEqual(0, kill.ExitCode, $"kill -{signal} {Name} failed.");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            await _pump;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds:0} s.{Environment.NewLine}{Diagnostics()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The last lines of stdout and stderr, for a failure message.</summary>
    public string Diagnostics() =>
        $"--- {Name}: last stdout lines ---{Environment.NewLine}"
        + string.Join(Environment.NewLine, _read.TakeLast(15).Select(l => l.Text))
        + $"{Environment.NewLine}--- {Name}: stderr ---{Environment.NewLine}"
        + string.Join(Environment.NewLine, _stderr);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        await _pump;
        _process.Dispose();
    }

    private static string BuiltDll(string project) =>
        typeof(TestHostProcess).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == project).Value
        ?? throw new InvalidOperationException($"The test assembly does not say where {project}.dll is.");

    private async Task PumpAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                _lines.Writer.TryWrite(new HostLine(line, Stopwatch.GetTimestamp()));
            }
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }
}
