using System.CommandLine;

namespace RunbookHost.Server.Cli;

/// <summary>How the API verbs reach a host: its address, the caller's key, how long to wait for an answer, and where errors go.</summary>
internal sealed record HostConnection(Option<string> Url, Option<string?> Key, Option<int> TimeoutSeconds, TextWriter Errors)
{
    public const int DefaultTimeoutSeconds = 30;

    public static HostConnection Create(TextWriter errors) => new(
        new Option<string>("--url") { Description = "The host's address.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RUNBOOK_URL") ?? "http://localhost:5080", Recursive = true },
        // No default value: help prints defaults, and this one would be the caller's secret.
        new Option<string?>("--key") { Description = "Your API key (or set RUNBOOK_API_KEY).", Recursive = true },
        new Option<int>("--timeout") { Description = "Seconds to wait for the host to answer.", DefaultValueFactory = _ => DefaultTimeoutSeconds, Recursive = true },
        errors);

    /// <summary>The key given with --key, else RUNBOOK_API_KEY.</summary>
    public string? ApiKey(ParseResult parse) => parse.GetValue(Key) ?? Environment.GetEnvironmentVariable("RUNBOOK_API_KEY");
}
