using System.Collections.Concurrent;

namespace RunbookHost.Workflows.Tests.Support;

/// <summary>
/// The "real world" the test activities act on: how often each command ran, gates that hold an
/// activity in flight until a test releases it, and failures to inject.
/// </summary>
internal sealed class TestWorld
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _entered = new();

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ConcurrentQueue<string> Order { get; } = new();

    /// <summary>Failures still to throw, per key.</summary>
    public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    /// <summary>Which site the simulated array has R/W (for reconciliation).</summary>
    public string ReadWriteSite { get; set; } = "primary";

    public int RunCount(string key) => Runs.GetValueOrDefault(key);

    public void Hold(string key) => _gates[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string key) => Gate(key).TrySetResult();

    public Task Entered(string key) => _entered.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal async Task PassAsync(string key, CancellationToken cancellationToken)
    {
        _entered.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (_gates.TryGetValue(key, out var gate))
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
    }

    internal void Count(string key)
    {
        Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
        Order.Enqueue(key);
    }

    internal void MaybeFail(string key)
    {
        if (FailuresLeft.TryGetValue(key, out int left) && left > 0)
        {
            FailuresLeft[key] = left - 1;
            throw new InvalidOperationException($"Injected failure of {key}.");
        }
    }

    private TaskCompletionSource Gate(string key) => _gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
