using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RunbookHost.Server.Tests.Support;

/// <summary>The host as a real OS process (the built RunbookHost.Server.dll), so a test can kill it with SIGKILL.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync(string folder, int port)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "RunbookHost.Server.dll");
        string url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            dll,
            $"--urls={url}",
            $"--Runbook:Database:ConnectionString=Data Source={Path.Combine(folder, "runbook.db")}",
            $"--Runbook:WorkflowsPath={Path.Combine(folder, "workflows")}",
            $"--Runbook:Lab:StateFile={Path.Combine(folder, "lab-state.json")}",
            "--Runbook:Engine:PollInterval=00:00:00.100",
            "--Runbook:Engine:LeaseDuration=00:00:02",
            "--Runbook:Users:0:Name=olivia", $"--Runbook:Users:0:ApiKey={TestHost.Keys["olivia"]}", "--Runbook:Users:0:Roles:0=operator",
            "--Runbook:Users:1:Name=amir", $"--Runbook:Users:1:ApiKey={TestHost.Keys["amir"]}", "--Runbook:Users:1:Roles:0=approver",
            "--Runbook:Users:2:Name=viewer", $"--Runbook:Users:2:ApiKey={TestHost.Keys["viewer"]}", "--Runbook:Users:2:Roles:0=viewer",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The host did not start.");
        var host = new HostProcess(process, url);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        for (int i = 0; i < 300; i++)
        {
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.IsFalse(process.HasExited, $"The host exited: {host.Output}");
            await Task.Delay(50);
        }

        Assert.Fail($"The host did not answer /health: {host.Output}");
        return host;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
