namespace RunbookHost.Benchmarks.Startup;

/// <summary>An app the suite launches with <c>dotnet &lt;dll&gt;</c>: its published dll and its arguments.</summary>
internal sealed record LaunchedApp(string Name, string DllPath, IReadOnlyList<string> Arguments)
{
    /// <summary>A web app with one <c>MapGet("/health")</c> and nothing else, published at <paramref name="dll"/>.</summary>
    public static LaunchedApp Minimal(string dll) => new("minimal", dll, []);

    /// <summary>
    /// The real host, published at <paramref name="dll"/>, with its database and lab state in
    /// <paramref name="folder"/> and no designer. Demo users are created on loopback with the lab
    /// drivers, so no users are configured.
    /// </summary>
    public static LaunchedApp Host(string dll, string folder, params string[] extra) => new("host", dll,
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
}
