using System.Globalization;

namespace RunbookHost.Benchmarks.Measurement;

/// <summary>Figures of two contenders side by side, with how many times better ours is on each.</summary>
internal sealed class Comparison(string ours, string theirs)
{
    private readonly List<Row> _rows = [];

    /// <summary>A time in microseconds: lower is better, so the advantage is theirs / ours.</summary>
    public double AddTime(string label, double oursMicros, double theirsMicros)
    {
        var row = new Row(label, oursMicros, theirsMicros, "us", theirsMicros / oursMicros);
        _rows.Add(row);
        return row.Advantage;
    }

    /// <summary>A rate: higher is better, so the advantage is ours / theirs.</summary>
    public double AddRate(string label, double ours, double theirs, string unit)
    {
        var row = new Row(label, ours, theirs, unit, ours / theirs);
        _rows.Add(row);
        return row.Advantage;
    }

    public async Task WriteAsync(TextWriter output)
    {
        int labelWidth = Math.Max(_rows.Max(r => r.Label.Length), 6);
        string header = $"{"figure".PadRight(labelWidth)}  {ours,14}  {theirs,14}  {"unit",-10}  ours better by";
        await output.WriteLineAsync(header);
        await output.WriteLineAsync(new string('-', header.Length));
        foreach (var row in _rows)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.Label.PadRight(labelWidth)}  {Format(row.Ours),14}  {Format(row.Theirs),14}  {row.Unit,-10}  {row.Advantage,8:0.00} x"));
        }
    }

    private static string Format(double value) =>
        value.ToString(value >= 1_000 ? "#,0" : "0.0", CultureInfo.InvariantCulture);

    private sealed record Row(string Label, double Ours, double Theirs, string Unit, double Advantage);
}
