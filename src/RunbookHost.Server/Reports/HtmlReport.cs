using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace RunbookHost.Server.Reports;

/// <summary>The printable HTML report; every value from the run is HTML-encoded.</summary>
internal static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #999}
        table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}
        th{background:#eee}pre{white-space:pre-wrap;margin:0;font-size:.8rem}.ok{color:#075}.bad{color:#a00;font-weight:bold}
        @media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
        """;

    public static string Render(RunReport report)
    {
        var e = HtmlEncoder.Default;
        var run = report.Run;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Run report ")
            .Append(e.Encode(run.RunId)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Run report: ").Append(e.Encode(run.DefinitionId)).Append(" v").Append(run.DefinitionVersion).Append("</h1>");
        html.Append("<table><tbody>");
        Row(html, e, "Run", run.RunId);
        Row(html, e, "Status", run.Status.ToString() + (run.Fault is null ? string.Empty : $": {run.Fault}"));
        Row(html, e, "Started by", run.StartedBy);
        Row(html, e, "Started", Time(run.StartedAt));
        Row(html, e, "Finished", run.FinishedAt is { } f ? Time(f) : "not finished");
        Row(html, e, "Input", run.Input.ToJsonString());
        Row(html, e, "Total time", Duration(report.Times.Total));
        Row(html, e, "Waiting for people", Duration(report.Times.WaitingForPeople));
        Row(html, e, "Waiting for timers and polling", Duration(report.Times.WaitingForTimers));
        Row(html, e, "Executing", Duration(report.Times.Executing));
        html.Append("<tr><th>Journal verification</th><td class=\"").Append(report.Verification.Valid ? "ok" : "bad").Append("\">")
            .Append(e.Encode(report.Verification.Valid
                ? $"valid: {report.Verification.Records} records, hash chain intact"
                : $"INVALID at record {report.Verification.FirstBadSeq}: {report.Verification.Problem}"))
            .Append("</td></tr></tbody></table>");

        html.Append("<h2>Approvals and manual steps</h2>");
        Table(html, e, ["Activity", "Kind", "Title", "Requested", "Decision", "Decided by", "Decided", "Comment"], report.Gates.Select(g => new[]
        {
            g.ActivityId ?? string.Empty, g.Kind, g.Title, Time(g.RequestedAt), g.Decision ?? "pending", g.DecidedBy ?? string.Empty, g.DecidedAt is { } at ? Time(at) : string.Empty, g.Comment ?? string.Empty,
        }));

        html.Append("<h2>Incidents</h2>");
        Table(html, e, ["Activity", "Kind", "Opened", "Problem", "Resolution", "By", "Resolved", "Comment"], report.Incidents.Select(i => new[]
        {
            i.ActivityId, i.Kind.ToString(), Time(i.OpenedAt), i.Message,
            i.Resolution is { } r ? r.Action + (r.Outcome is null ? string.Empty : $" ({r.Outcome})") : "open",
            i.Resolution?.ResolvedBy ?? string.Empty, i.Resolution is { } rr ? Time(rr.ResolvedAt) : string.Empty, i.Resolution?.Comment ?? string.Empty,
        }));

        html.Append("<h2>Commands</h2>");
        Table(html, e, ["#", "Time", "Activity", "Target", "Command", "Exit", "Output"], report.Commands.Select(c => new[]
        {
            c.Seq.ToString(CultureInfo.InvariantCulture), Time(c.At), c.ActivityId ?? string.Empty, c.Target, c.CommandLine, c.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, c.Output,
        }), preformatted: 6);

        html.Append("<h2>Timeline</h2>");
        Table(html, e, ["#", "Time", "Kind", "Activity", "Actor", "Message"], report.Timeline.Select(r => new[]
        {
            r.Seq.ToString(CultureInfo.InvariantCulture), Time(r.At), r.Kind, r.ActivityId ?? string.Empty, r.Actor ?? string.Empty, r.Message,
        }));
        html.Append("<p>Generated ").Append(e.Encode(Time(report.GeneratedAt))).Append(" by RunbookHost.</p></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, HtmlEncoder e, string name, string value) =>
        html.Append("<tr><th>").Append(e.Encode(name)).Append("</th><td>").Append(e.Encode(value)).Append("</td></tr>");

    private static void Table(StringBuilder html, HtmlEncoder e, string[] headers, IEnumerable<string[]> rows, int preformatted = -1)
    {
        html.Append("<table><thead><tr>");
        foreach (string header in headers)
        {
            html.Append("<th>").Append(e.Encode(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        int count = 0;
        foreach (var row in rows)
        {
            count++;
            html.Append("<tr>");
            for (int i = 0; i < row.Length; i++)
            {
                html.Append(i == preformatted ? "<td><pre>" : "<td>").Append(e.Encode(row[i])).Append(i == preformatted ? "</pre></td>" : "</td>");
            }

            html.Append("</tr>");
        }

        if (count == 0)
        {
            html.Append("<tr><td colspan=\"").Append(headers.Length).Append("\">none</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    internal static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds} s" : $"{span.TotalSeconds:0.###} s";
}
