using System.Collections.Concurrent;
using System.Threading.Channels;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Events;

/// <summary>Hands journal records to the event streams of their run as soon as they commit.</summary>
internal sealed class JournalBroadcast : IJournalObserver
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<JournalRecord>, byte>> _subscribers = new(StringComparer.Ordinal);

    public void OnCommitted(RunRecord run, IReadOnlyList<JournalRecord> records)
    {
        if (!_subscribers.TryGetValue(run.RunId, out var channels))
        {
            return;
        }

        foreach (var channel in channels.Keys)
        {
            foreach (var record in records)
            {
                channel.Writer.TryWrite(record);
            }
        }
    }

    public Subscription Subscribe(string runId)
    {
        var channel = Channel.CreateBounded<JournalRecord>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers.GetOrAdd(runId, _ => new())[channel] = 0;
        return new Subscription(channel.Reader, () =>
        {
            if (_subscribers.TryGetValue(runId, out var channels))
            {
                channels.TryRemove(channel, out _);
            }
        });
    }

    /// <summary>A live feed of one run's records; dispose to stop it.</summary>
    internal sealed class Subscription(ChannelReader<JournalRecord> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<JournalRecord> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
