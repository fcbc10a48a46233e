using System.Collections.Concurrent;
using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Tests.Support;

/// <summary>Keeps every command record a driver reports.</summary>
internal sealed class RecordingCommandLog : ICommandLog
{
    private readonly ConcurrentQueue<CommandRecord> records = new();

    public IReadOnlyList<CommandRecord> Records => [.. records];

    public IReadOnlyList<string> CommandLines => Records.Select(r => r.CommandLine).ToList();

    public void Executed(CommandRecord record) => records.Enqueue(record);
}
