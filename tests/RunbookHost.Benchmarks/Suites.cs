using RunbookHost.Benchmarks.Engine;

namespace RunbookHost.Benchmarks;

/// <summary>The benchmark suites by verb: <c>dotnet run -c Release --project tests/RunbookHost.Benchmarks -- &lt;suite&gt;</c>.</summary>
internal static class Suites
{
    public const int UsageExitCode = 2;

    private static readonly Suite[] All =
    [
        new("engine", "Our engine vs WorkflowCore 3.22.0: 20-step latency, 1,000-instance throughput, resume to completion.", EngineBenchmark.RunAsync),
        new("persistence", "SQL stores: durable step vs a bare committed UPDATE (SQLite, PostgreSQL), pending approvals of 10,000 runs, memory per suspended run.", Persistence.PersistenceBenchmark.RunAsync),
        new("load", "1,000 activation runs through the HTTP API of the real host (lab, SQLite): every run completed and verified, API latency by call, peak memory.", Load.LoadBenchmark.RunAsync),
        new("validation", "Definition validation with each JavaScript expression run once in the sandbox: the shipped workflows, and refused expressions.", Validation.ValidationBenchmark.RunAsync),
        new("startup", "Host launch to the first 200 on /health vs a minimal ASP.NET Core app, as real processes.", Startup.StartupBenchmark.RunAsync),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var suite = args.Length == 1 ? Array.Find(All, s => s.Verb == args[0]) : null;
        if (suite is null)
        {
            await WriteUsageAsync(args, output);
            return UsageExitCode;
        }

        await suite.Run(output, cancellationToken);
        return 0;
    }

    private static async Task WriteUsageAsync(string[] args, TextWriter output)
    {
        if (args.Length > 0)
        {
            await output.WriteLineAsync($"Unknown arguments: {string.Join(' ', args)}");
        }

        await output.WriteLineAsync("Usage: dotnet run -c Release --project tests/RunbookHost.Benchmarks -- <suite>");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Suites:");
        foreach (var suite in All)
        {
            await output.WriteLineAsync($"  {suite.Verb,-12} {suite.Description}");
        }
    }

    /// <summary>One suite: its verb, what it measures, and how it runs.</summary>
    private sealed record Suite(string Verb, string Description, Func<TextWriter, CancellationToken, Task> Run);
}
