using System.Diagnostics;
using System.Globalization;

namespace RunbookHost.Benchmarks.Measurement;

/// <summary>
/// How much of the machine's CPU other processes used while a suite ran: the machine's busy time
/// (from /proc/stat) less this process's own. Other work skews every figure, most of all latencies
/// on two cores, so a suite reports it and warns when it is more than a tenth.
/// </summary>
internal sealed class OtherWork
{
    private const string ProcStat = "/proc/stat";
    private const double Tolerated = 0.10;

    private readonly (long Busy, long Total) _machineStart;
    private readonly TimeSpan _ownStart;

    private OtherWork((long Busy, long Total) machine, TimeSpan own)
    {
        _machineStart = machine;
        _ownStart = own;
    }

    /// <summary>Starts watching; null where the OS does not tell (no /proc/stat).</summary>
    public static OtherWork? Start() =>
        ReadMachine() is { } machine ? new OtherWork(machine, OwnCpu()) : null;

    /// <summary>A line on the share of CPU other processes took since <see cref="Start"/>, with a warning when too much.</summary>
    public string Describe()
    {
        var (busy, total) = ReadMachine()!.Value;
        long totalTicks = total - _machineStart.Total;
        if (totalTicks <= 0)
        {
            return "Other processes' CPU use: unknown.";
        }

        // Ticks per second of one core, derived rather than assumed (USER_HZ is usually 100).
        double ticksPerCoreSecond = totalTicks / (Environment.ProcessorCount * (DateTime.UtcNow - StartedAt).TotalSeconds);
        double ownTicks = (OwnCpu() - _ownStart).TotalSeconds * ticksPerCoreSecond;
        double share = Math.Max(0, (busy - _machineStart.Busy - ownTicks) / totalTicks);
        string line = string.Create(CultureInfo.InvariantCulture, $"Other processes used {share:P0} of the machine's CPU during the run.");
        return share > Tolerated ? line + " WARNING: the machine was busy with other work; these figures are not reliable." : line;
    }

    private DateTime StartedAt { get; } = DateTime.UtcNow;

    private static TimeSpan OwnCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The first line of /proc/stat: user nice system idle iowait irq softirq steal ...</summary>
    private static (long Busy, long Total)? ReadMachine()
    {
        if (!File.Exists(ProcStat))
        {
            return null;
        }

        string[] fields = File.ReadLines(ProcStat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long[] ticks = [.. fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture))];
        long idle = ticks[3] + ticks[4];
        long total = ticks.Sum();
        return (total - idle, total);
    }
}
