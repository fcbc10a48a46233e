using System.Globalization;

namespace RunbookHost.Benchmarks.Measurement;

/// <summary>The machine-read summary a suite ends with: one <c>RESULT &lt;name&gt; &lt;value&gt; &lt;unit&gt;</c> line per figure.</summary>
internal sealed class Results
{
    private readonly List<(string Name, double Value, string Unit)> _lines = [];

    public void Add(string name, double value, string unit) => _lines.Add((name, value, unit));

    public async Task WriteAsync(TextWriter output)
    {
        foreach (var (name, value, unit) in _lines)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"RESULT {name} {value:0.###} {unit}"));
        }
    }
}
