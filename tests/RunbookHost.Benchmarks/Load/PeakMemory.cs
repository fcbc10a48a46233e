using System.Diagnostics;

namespace RunbookHost.Benchmarks.Load;

/// <summary>Samples the process's working set and managed heap every 100 ms and keeps the peaks.</summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public PeakMemory() => _sampling = SampleAsync(_stop.Token);

    public long PeakWorkingSetBytes { get; private set; }

    public long PeakManagedHeapBytes { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        while (!ct.IsCancellationRequested)
        {
            process.Refresh();
            PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes, Math.Max(process.WorkingSet64, process.PeakWorkingSet64));
            PeakManagedHeapBytes = Math.Max(PeakManagedHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
