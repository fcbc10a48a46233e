using System.Globalization;

namespace RunbookHost.Benchmarks.Targets;

/// <summary>
/// The machine's 1-minute load average, for a suite whose work runs in child processes (which
/// <see cref="Measurement.OtherWork"/> would count as other work).
/// </summary>
internal static class LoadAverage
{
    public static string Describe(string when)
    {
        const string loadAvg = "/proc/loadavg";
        return File.Exists(loadAvg) && double.TryParse(File.ReadAllText(loadAvg).Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load)
            ? string.Create(CultureInfo.InvariantCulture, $"Load average (1 min) {when}: {load:0.00} on {Environment.ProcessorCount} cores (the launches themselves add about 1).")
            : $"Load average {when}: unknown.";
    }
}
