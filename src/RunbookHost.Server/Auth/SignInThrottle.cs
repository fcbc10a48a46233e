using System.Collections.Concurrent;
using RunbookHost.Server.Hosting;
using Microsoft.Extensions.Options;

namespace RunbookHost.Server.Auth;

/// <summary>Counts failed sign-ins per client address; past the limit, that address gets 429 for the rest of the minute.</summary>
internal sealed class SignInThrottle(IOptions<RunbookOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public void RecordFailure(HttpContext context)
    {
        var queue = _failures.GetOrAdd(ClientOf(context), _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            queue.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>Whether this client failed too often in the last minute.</summary>
    public bool IsBlocked(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_failures.TryGetValue(ClientOf(context), out var queue))
        {
            return false;
        }

        lock (queue)
        {
            var now = time.GetUtcNow();
            while (queue.Count > 0 && now - queue.Peek() > Window)
            {
                queue.Dequeue();
            }

            if (queue.Count < options.Value.FailedSignInsPerMinute)
            {
                return false;
            }

            retryAfter = Window - (now - queue.Peek());
            return true;
        }
    }

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
