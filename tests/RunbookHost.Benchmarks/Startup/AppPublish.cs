using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace RunbookHost.Benchmarks.Startup;

/// <summary>
/// Publishes the apps the start-up suite launches the way the host is published for production:
/// <c>dotnet publish -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true</c>,
/// into <c>artifacts/startup/&lt;app&gt;</c> (git-ignored). Done once, before anything is timed.
/// </summary>
internal static class AppPublish
{
    /// <summary>The <c>dotnet</c> that runs this benchmark, for publishing and launching alike.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>The arguments after <c>dotnet publish &lt;project&gt;</c>, but for <c>-o</c>.</summary>
    public static IReadOnlyList<string> Options { get; } =
        ["-c", "Release", "--use-current-runtime", "--self-contained", "false", "-p:PublishReadyToRun=true", "--disable-build-servers", "--nologo"];

    /// <summary>Publishes <paramref name="project"/> (relative to the repository) into a clean folder; returns its dll.</summary>
    public static async Task<string> PublishAsync(string project, string app, CancellationToken cancellationToken)
    {
        string root = RepositoryRoot();
        string projectPath = Path.Combine(root, project);
        if (!File.Exists(projectPath))
        {
            throw new FileNotFoundException($"{projectPath} does not exist.", projectPath);
        }

        string folder = Path.Combine(root, "artifacts", "startup", app);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var info = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("publish");
        info.ArgumentList.Add(projectPath);
        foreach (string option in Options)
        {
            info.ArgumentList.Add(option);
        }

        info.ArgumentList.Add("-o");
        info.ArgumentList.Add(folder);

        var output = new StringBuilder();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start `dotnet publish` for {project}.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`dotnet publish {project}` failed with exit code {process.ExitCode}:{Environment.NewLine}{output}");
        }

        string dll = Path.Combine(folder, Path.GetFileNameWithoutExtension(project) + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"`dotnet publish {project}` succeeded but did not write {dll}.", dll);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string RepositoryRoot() =>
        typeof(AppPublish).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value
        ?? throw new InvalidOperationException("The benchmark assembly does not say where the repository is.");
}
