using System.Globalization;

namespace RunbookHost.Benchmarks.Targets;

/// <summary>Figures with the target each is held to, if any, and whether it met it.</summary>
internal sealed class TargetTable
{
    private readonly List<Row> _rows = [];

    public void Add(string label, double value, string unit) => _rows.Add(new Row(label, value, unit, null, null));

    /// <summary>A figure that must be at most <paramref name="limit"/>; returns whether it is.</summary>
    public bool AddAtMost(string label, double value, string unit, double limit)
    {
        bool met = value <= limit;
        _rows.Add(new Row(label, value, unit, $"<= {Format(limit)} {unit}", met));
        return met;
    }

    public async Task WriteAsync(TextWriter output)
    {
        int labelWidth = Math.Max(_rows.Max(r => r.Label.Length), 6);
        int targetWidth = Math.Max(_rows.Max(r => r.Target?.Length ?? 0), 6);
        string header = $"{"figure".PadRight(labelWidth)}  {"value",12}  {"unit",-6}  {"target".PadRight(targetWidth)}  verdict";
        await output.WriteLineAsync(header);
        await output.WriteLineAsync(new string('-', header.Length));
        foreach (var row in _rows)
        {
            string verdict = row.Met switch { true => "pass", false => "FAIL", null => "" };
            await output.WriteLineAsync($"{row.Label.PadRight(labelWidth)}  {Format(row.Value),12}  {row.Unit,-6}  {(row.Target ?? "").PadRight(targetWidth)}  {verdict}".TrimEnd());
        }
    }

    public static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 1_000 ? "#,0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private sealed record Row(string Label, double Value, string Unit, string? Target, bool? Met);
}
