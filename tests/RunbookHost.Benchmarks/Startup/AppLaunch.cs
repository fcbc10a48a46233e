using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunbookHost.Benchmarks.Startup;

/// <summary>One line the launched process wrote, with when it arrived (ms after the launch).</summary>
internal sealed record LaunchLine(double AtMs, string Text);

/// <summary>One launch: the time from starting the process to the first 200 on /health, and what it wrote until then.</summary>
internal sealed record LaunchResult(string App, TimeSpan ToHealthy, IReadOnlyList<LaunchLine> Output);

/// <summary>
/// Starts <c>dotnet &lt;dll&gt; --urls=http://127.0.0.1:&lt;free port&gt; ...</c>, polls <c>/health</c> until
/// it answers 200 (bounded), then kills the process tree.
/// </summary>
internal static class AppLaunch
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    public static async Task<LaunchResult> RunAsync(LaunchedApp app, string workingDirectory, CancellationToken cancellationToken)
    {
        int port = FreePort();
        var health = new Uri($"http://127.0.0.1:{port}/health");
        var info = new ProcessStartInfo(AppPublish.Dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(app.DllPath);
        info.ArgumentList.Add($"--urls={health.GetLeftPart(UriPartial.Authority)}");
        foreach (string argument in app.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var output = new ConcurrentQueue<LaunchLine>();
        long started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {app.Name}.");
        try
        {
            process.OutputDataReceived += (_, e) => Collect(output, started, e.Data);
            process.ErrorDataReceived += (_, e) => Collect(output, started, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var elapsed = await PollHealthAsync(client, health, process, started, cancellationToken);
            // Lines the process wrote as it answered may still be in the pipe: give them a moment.
            await Task.Delay(50, cancellationToken);
            return new LaunchResult(app.Name, elapsed, [.. output.Where(l => l.AtMs <= elapsed.TotalMilliseconds + 50)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{app.Name} did not become healthy: {ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(30).Select(l => l.Text))}", ex);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<TimeSpan> PollHealthAsync(HttpClient client, Uri health, Process process, long started, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetElapsedTime(started) < Limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"It exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await client.GetAsync(health, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(started);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new TimeoutException($"No 200 on {health} within {Limit.TotalSeconds:0} s.");
    }

    private static void Collect(ConcurrentQueue<LaunchLine> output, long started, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(new LaunchLine(Stopwatch.GetElapsedTime(started).TotalMilliseconds, line));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
