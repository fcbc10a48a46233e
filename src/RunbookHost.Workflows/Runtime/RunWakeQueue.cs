using System.Threading.Channels;

namespace RunbookHost.Workflows.Runtime;

/// <summary>Runs that just got work, so the runner starts them without waiting for its next poll.</summary>
internal sealed class RunWakeQueue
{
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    public ChannelReader<string> Reader => _channel.Reader;

    public void Wake(string runId) => _channel.Writer.TryWrite(runId);
}
