using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Tests.Support;

/// <summary>A transport that answers from a function and remembers what it was asked to run.</summary>
internal sealed class FakeTransport(Func<string, RenderedCommand, CommandOutput>? answer = null) : ICommandTransport
{
    private readonly List<(string Host, RenderedCommand Command)> runs = [];

    public IReadOnlyList<(string Host, RenderedCommand Command)> Runs => runs;

    public Func<string, RenderedCommand, CommandOutput> Answer { get; set; } = answer ?? ((_, _) => Ok(string.Empty));

    public static CommandOutput Ok(string stdout) => new(0, stdout, string.Empty, false);

    public static CommandOutput Fail(int exitCode, string stdout, string stderr = "") => new(exitCode, stdout, stderr, false);

    public Task<CommandOutput> RunAsync(string host, RenderedCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        runs.Add((host, command));
        return Task.FromResult(Answer(host, command));
    }
}
