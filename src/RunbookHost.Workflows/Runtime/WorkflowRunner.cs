using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// The background runner: fires due timers, picks up runnable runs (new, resumed, or orphaned by a
/// host that died) and executes them, up to a limit at once. All time through <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorkflowRunner : BackgroundService
{
    private readonly IWorkflowRuntime _runtime;
    private readonly IRunStore _store;
    private readonly RunWakeQueue _wake;
    private readonly TimeProvider _time;
    private readonly WorkflowEngineOptions _options;
    private readonly ILogger<WorkflowRunner> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    internal WorkflowRunner(IWorkflowRuntime runtime, IRunStore store, RunWakeQueue wake, TimeProvider time, IOptions<WorkflowEngineOptions> options, ILogger<WorkflowRunner> logger)
    {
        _runtime = runtime;
        _store = store;
        _wake = wake;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrentRuns);
    }

    /// <summary>
    /// One pass, awaited to the end: fires due timers, then executes every runnable run until it waits
    /// or ends. Tests and tools call this after moving a fake clock.
    /// </summary>
    public async Task<int> RunDueWorkAsync(CancellationToken cancellationToken)
    {
        int executed = 0;
        while (true)
        {
            var now = _time.GetUtcNow();
            await _store.FireDueTimersAsync(now, 500, cancellationToken);
            var runnable = await _store.FindRunnableAsync(now, 500, cancellationToken);
            if (runnable.Count == 0)
            {
                return executed;
            }

            await Task.WhenAll(runnable.Select(id => _runtime.ExecuteAsync(id, cancellationToken)));
            executed += runnable.Count;
            if (executed > 100_000)
            {
                return executed;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.RunnerStarted(_logger, _options.HostId);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = _time.GetUtcNow();
                await _store.FireDueTimersAsync(now, 500, stoppingToken);
                foreach (string runId in await _store.FindRunnableAsync(now, _options.MaxConcurrentRuns * 2, stoppingToken))
                {
                    Dispatch(runId, stoppingToken);
                }

                while (_wake.Reader.TryRead(out string? woken))
                {
                    Dispatch(woken, stoppingToken);
                }

                using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(_options.PollInterval, _time, pause.Token);
                var woke = _wake.Reader.WaitToReadAsync(pause.Token).AsTask();
                await Task.WhenAny(delay, woke);
                await pause.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.RunnerPassFailed(_logger, ex);
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        Task[] remaining;
        lock (_lock)
        {
            remaining = [.. _running.Values];
        }

        await Task.WhenAll(remaining).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Dispatch(string runId, CancellationToken stoppingToken)
    {
        lock (_lock)
        {
            if (_running.ContainsKey(runId))
            {
                return;
            }

            _running[runId] = ExecuteOneAsync(runId, stoppingToken);
        }
    }

    private async Task ExecuteOneAsync(string runId, CancellationToken stoppingToken)
    {
        await Task.Yield();
        await _slots.WaitAsync(stoppingToken);
        try
        {
            await _runtime.ExecuteAsync(runId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.RunExecutionFailed(_logger, runId, ex);
        }
        finally
        {
            _slots.Release();
            lock (_lock)
            {
                _running.Remove(runId);
            }
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }
}
