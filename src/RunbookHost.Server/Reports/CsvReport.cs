using System.Globalization;
using System.Text;

namespace RunbookHost.Server.Reports;

/// <summary>The report as CSV: one row per journal record, with the run's facts repeated for filtering in a spreadsheet.</summary>
internal static class CsvReport
{
    public static string Render(RunReport report)
    {
        var csv = new StringBuilder();
        Line(csv, "runId", "definitionId", "version", "seq", "at", "kind", "activityId", "actor", "message", "target", "commandLine", "exitCode", "comment");
        foreach (var r in report.Timeline)
        {
            Line(
                csv,
                report.Run.RunId,
                report.Run.DefinitionId,
                report.Run.DefinitionVersion.ToString(CultureInfo.InvariantCulture),
                r.Seq.ToString(CultureInfo.InvariantCulture),
                r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                r.Kind,
                r.ActivityId ?? string.Empty,
                r.Actor ?? string.Empty,
                r.Message,
                r.Data?["target"]?.ToString() ?? string.Empty,
                r.Data?["commandLine"]?.ToString() ?? string.Empty,
                r.Data?["exitCode"]?.ToString() ?? string.Empty,
                r.Data?["comment"]?.ToString() ?? string.Empty);
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    /// <summary>Quotes every cell, and defuses cells a spreadsheet would run as a formula.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
