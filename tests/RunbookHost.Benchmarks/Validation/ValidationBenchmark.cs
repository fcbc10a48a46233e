using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Benchmarks.Measurement;
using RunbookHost.Exchange;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Benchmarks.Validation;

/// <summary>
/// What checking a definition costs now that every JavaScript expression runs once in the
/// sandbox: the shipped workflows (fine expressions), and definitions whose JavaScript is refused
/// (an endless loop stopped by the statement limit, one stopped by the one-second time limit).
/// </summary>
internal static class ValidationBenchmark
{
    private const int Rounds = 200;

    public static async Task RunAsync(TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync($"Validation: {MachineInfo.Describe()}");
        var validator = Validator(null);
        var results = new Results();
        foreach (string file in Directory.GetFiles(RepositoryPaths.Find("workflows")!, "*.json").Order(StringComparer.Ordinal))
        {
            var definition = WorkflowJson.Parse(await File.ReadAllTextAsync(file, ct));
            int expressions = WorkflowJson.Serialize(definition).Split("\"JavaScript\"").Length - 1;
            var samples = Time(validator, definition, Rounds);
            string name = Path.GetFileNameWithoutExtension(file).Replace('-', '_');
            await output.WriteLineAsync($"  {Path.GetFileName(file)}: {expressions} JavaScript expressions");
            results.Add($"validation.{name}.p50_ms", samples.Median / 1000, "ms");
            results.Add($"validation.{name}.p99_ms", samples.P99 / 1000, "ms");
        }

        var endless = Refused("while(true){}", 1);
        results.Add("validation.refused_endless_loop_ms", Time(validator, endless, 20).Median / 1000, "ms");
        var unlimited = Validator(int.MaxValue);
        results.Add("validation.refused_by_time_limit_ms", Time(unlimited, endless, 3).Median / 1000, "ms");
        results.Add("validation.five_refused_by_time_limit_ms", Time(unlimited, Refused("while(true){}", 5), 2).Median / 1000, "ms");
        await results.WriteAsync(output);
    }

    private static DefinitionValidator Validator(int? maxStatements)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddRunbookWorkflows().AddRunbookExchange(configuration);
        if (maxStatements is { } max)
        {
            services.Configure<RunbookHost.Workflows.Expressions.JavaScriptOptions>(o => o.MaxStatements = max);
        }

        return services.BuildServiceProvider().GetRequiredService<DefinitionValidator>();
    }

    private static Samples Time(DefinitionValidator validator, WorkflowDefinition definition, int rounds)
    {
        var samples = new Samples(rounds);
        validator.Validate(definition);
        for (int i = 0; i < rounds; i++)
        {
            long started = Stopwatch.GetTimestamp();
            validator.Validate(definition);
            samples.Add(Stopwatch.GetElapsedTime(started));
        }

        return samples;
    }

    /// <summary>A sequence of <paramref name="count"/> Log activities whose message is <paramref name="source"/>.</summary>
    private static WorkflowDefinition Refused(string source, int count)
    {
        var logs = Enumerable.Range(1, count).Select(i => new ActivityNode
        {
            Id = $"log{i}",
            Type = "Log",
            Inputs = new(StringComparer.Ordinal) { ["message"] = InputValue.JavaScript(source) },
        }).ToList();
        return new WorkflowDefinition
        {
            DefinitionId = "refused",
            Root = new ActivityNode
            {
                Id = "flow",
                Type = "Flowchart",
                Activities = logs,
                Connections = [.. logs.Zip(logs.Skip(1), (a, b) => Connection.Between(a.Id, "Done", b.Id))],
            },
        };
    }
}
