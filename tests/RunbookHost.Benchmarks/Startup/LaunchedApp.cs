using System.Reflection;

namespace RunbookHost.Benchmarks.Startup;

/// <summary>An app the suite launches with <c>dotnet &lt;dll&gt;</c>: its built dll (recorded at build time) and its arguments.</summary>
internal sealed record LaunchedApp(string Name, string DllPath, IReadOnlyList<string> Arguments)
{
    public const string ServerKey = "RunbookHost.Server";
    public const string MinimalKey = "RunbookHost.Benchmarks.MinimalHost";

    /// <summary>A web app with one <c>MapGet("/health")</c> and nothing else.</summary>
    public static LaunchedApp Minimal() => new("minimal", BuiltDll(MinimalKey), []);

    /// <summary>
    /// The real host, with its database and lab state in <paramref name="folder"/> and no designer.
    /// Demo users are created on loopback with the lab drivers, so no users are configured.
    /// </summary>
    public static LaunchedApp Host(string folder, params string[] extra) => new("host", BuiltDll(ServerKey),
    [
        $"--Runbook:Database:ConnectionString=Data Source={Path.Combine(folder, "x.db")}",
        $"--Runbook:Lab:StateFile={Path.Combine(folder, "lab.json")}",
        $"--Runbook:DesignerPath={Path.Combine(folder, "no-designer")}",
        .. extra,
    ]);

    /// <summary>
    /// The same app logging what start-up does, one line per entry: the host's "Hosting starting"
    /// (after the app is built) and "Hosting started" (after every hosted service), and the first
    /// request with its duration.
    /// </summary>
    public LaunchedApp Traced() => this with
    {
        Name = Name + " (traced)",
        Arguments =
        [
            .. Arguments,
            "--Logging:Console:FormatterOptions:SingleLine=true",
            "--Logging:LogLevel:Microsoft.Extensions.Hosting=Debug",
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
        ],
    };

    private static string BuiltDll(string key)
    {
        string path = typeof(LaunchedApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"The benchmark assembly does not say where {key}.dll is.");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} does not exist: build the benchmark (it builds {key} as a project reference).", path);
    }
}
