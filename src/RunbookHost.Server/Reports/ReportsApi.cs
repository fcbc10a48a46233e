using System.Text;
using RunbookHost.Server.Api;

namespace RunbookHost.Server.Reports;

/// <summary>GET /api/runs/{runId}/report?format=html|csv|json.</summary>
internal static class ReportsApi
{
    private static readonly string[] Formats = ["html", "csv", "json"];

    public static void MapReportsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/runs/{runId}/report", async (string runId, string? format, RunReportBuilder builder, CancellationToken ct) =>
        {
            format = string.IsNullOrEmpty(format) ? "html" : format.ToLowerInvariant();
            if (!Formats.Contains(format))
            {
                return Problems.BadRequest("Unknown report format.", [new FieldError("format", "Use html, csv or json.")]);
            }

            var report = await builder.BuildAsync(runId, ct);
            if (report is null)
            {
                return Problems.NotFound(RunsApi.NoRun(runId));
            }

            string file = $"run-{report.Run.RunId}.{format}";
            return format switch
            {
                "csv" => Results.File(Encoding.UTF8.GetBytes(CsvReport.Render(report)), "text/csv; charset=utf-8", file),
                "json" => Results.Json(JsonReport(report)),
                _ => Results.Content(HtmlReport.Render(report), "text/html; charset=utf-8"),
            };
        }).RequireAuthorization(Policies.Viewer);

    private static object JsonReport(RunReport report) => new
    {
        run = RunsApi.RunSummary(report.Run),
        input = report.Run.Input,
        times = new
        {
            totalSeconds = report.Times.Total.TotalSeconds,
            waitingForPeopleSeconds = report.Times.WaitingForPeople.TotalSeconds,
            waitingForTimersSeconds = report.Times.WaitingForTimers.TotalSeconds,
            executingSeconds = report.Times.Executing.TotalSeconds,
        },
        verification = new { valid = report.Verification.Valid, records = report.Verification.Records, firstBadSeq = report.Verification.FirstBadSeq, problem = report.Verification.Problem },
        approvals = report.Gates,
        incidents = report.Incidents.Select(RunsApi.IncidentJson),
        commands = report.Commands,
        timeline = report.Timeline,
        generatedAt = report.GeneratedAt,
    };
}
