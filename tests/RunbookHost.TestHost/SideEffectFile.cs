using System.Text;

namespace RunbookHost.TestHost;

/// <summary>
/// The "outside world" the side-effect activity changes: a text file of <c>&lt;runId&gt; &lt;path&gt;</c>
/// lines, each fsynced before the activity goes on. Several host processes share it, so every
/// access holds an exclusive lock on the file (FileShare.None is a flock on Unix; a killed
/// process's lock goes with it).
/// </summary>
internal sealed class SideEffectFile(string path) : IDisposable
{
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AppendAsync(string line, TimeProvider time)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        await WithLockAsync(time, stream =>
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
            return true;
        });
    }

    public Task<bool> ContainsAsync(string line, TimeProvider time) =>
        WithLockAsync(time, stream =>
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            while (reader.ReadLine() is { } existing)
            {
                if (existing == line)
                {
                    return true;
                }
            }

            return false;
        });

    public void Dispose() => _gate.Dispose();

    private async Task<T> WithLockAsync<T>(TimeProvider time, Func<FileStream, T> action)
    {
        await _gate.WaitAsync();
        try
        {
            while (true)
            {
                FileStream stream;
                try
                {
                    stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    // Another host holds the lock: its write takes a millisecond or two.
                    await Task.Delay(LockPoll, time);
                    continue;
                }

                await using (stream)
                {
                    return action(stream);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
