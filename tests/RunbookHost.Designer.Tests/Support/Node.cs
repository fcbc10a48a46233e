using System.Diagnostics;
using System.Text;

namespace RunbookHost.Designer.Tests.Support;

/// <summary>Runs node and npm in designer/, capturing their output (bounded by a timeout).</summary>
internal static class Node
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The Chromium the browser scripts drive (RUNBOOK_CHROMIUM or Debian's), or null when missing.</summary>
    public static string? Chromium()
    {
        string path = Environment.GetEnvironmentVariable("RUNBOOK_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path) ? path : null;
    }

    public static void RequireNode()
    {
        if (Find("node") is null || Find("npm") is null)
        {
            Assert.Inconclusive("node and npm are not installed (they are needed for the designer's tests): install Node.js 20 or later.");
        }
    }

    public static void RequireChromium()
    {
        RequireNode();
        if (Chromium() is null)
        {
            Assert.Inconclusive("Chromium is not installed at /usr/bin/chromium (or RUNBOOK_CHROMIUM): run `bash .ci/chromium.sh`.");
        }
    }

    /// <summary>Installs the designer's packages when node_modules is missing (npm ci, from the lock file).</summary>
    public static async Task EnsurePackagesAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(Repository.Designer, "node_modules", ".package-lock.json")))
        {
            return;
        }

        var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>(), TimeSpan.FromMinutes(5), ct);
        Assert.AreEqual(0, install.ExitCode, $"npm ci failed in designer/:\n{install.Output}");
    }

    public static async Task<Result> RunAsync(string tool, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Find(tool) ?? tool)
        {
            WorkingDirectory = Repository.Designer,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CI"] = "true";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Append(stderr, $"(killed after {timeout.TotalSeconds:0} s)");
            return new Result(-1, Text(stdout), Text(stderr));
        }

        process.WaitForExit();
        return new Result(process.ExitCode, Text(stdout), Text(stderr));
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is not null)
        {
            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
