using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Server.Api;

/// <summary>Runs: start, list, read, journal and its verification, cancel, incidents.</summary>
internal static class RunsApi
{
    public const int MaxTake = 500;

    public static void MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs");
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Operator).AfterWorkflowImport();
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{runId}", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{runId}/journal", async (string runId, IRunStore store, CancellationToken ct) =>
            await store.GetAsync(runId, ct) is null ? Problems.NotFound(NoRun(runId)) : Results.Ok(await store.GetJournalAsync(runId, 0, ct)))
            .RequireAuthorization(Policies.Viewer);
        group.MapGet("/{runId}/journal/verify", async (string runId, IRunStore store, CancellationToken ct) =>
        {
            var run = await store.GetAsync(runId, ct);
            if (run is null)
            {
                return Problems.NotFound(NoRun(runId));
            }

            var result = JournalVerifier.Verify(await store.GetJournalAsync(runId, 0, ct), run.LastSeq, run.LastHash);
            return Results.Ok(new { valid = result.Valid, records = result.Records, firstBadSeq = result.FirstBadSeq, problem = result.Problem });
        }).RequireAuthorization(Policies.Viewer);
        group.MapPost("/{runId}/cancel", CancelAsync).RequireAuthorization(Policies.Operator);
        group.MapGet("/{runId}/incidents", async (string runId, IRunStore store, CancellationToken ct) =>
            await store.GetAsync(runId, ct) is null ? Problems.NotFound(NoRun(runId)) : Results.Ok((await store.GetIncidentsAsync(runId, ct)).Select(IncidentJson)))
            .RequireAuthorization(Policies.Viewer);
        group.MapPost("/{runId}/incidents/{incidentId}/resolve", ResolveAsync).RequireAuthorization(Policies.Operator);
    }

    private static async Task<IResult> StartAsync(HttpContext context, IWorkflowRuntime runtime, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context.Request, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        RequestBody.TryText(body!, "definitionId", errors, out string? definitionId);
        if (definitionId is null && errors.Count == 0)
        {
            errors.Add(new FieldError("definitionId", "'definitionId' is required."));
        }

        int? version = RequestBody.Version(body!, errors);
        var input = body!["input"];
        if (input is not null and not JsonObject)
        {
            errors.Add(new FieldError("input", "'input' must be an object."));
        }

        RunInput.CheckLists(input, errors);
        RequestBody.CheckFields(body, errors, "definitionId", "version", "input");
        if (errors.Count > 0)
        {
            return Problems.BadRequest("The run was not started.", errors);
        }

        try
        {
            string runId = await runtime.StartAsync(new StartRunRequest(definitionId!, version, (JsonObject?)input?.DeepClone(), context.User.Actor()), ct);
            return Results.Accepted($"/api/runs/{runId}", new { runId });
        }
        catch (RunRequestException ex) when (ex.NotFound)
        {
            return Problems.NotFound(ex.Message);
        }
        catch (RunRequestException ex)
        {
            return Problems.BadRequest(ex.Message, ex.Errors);
        }
        catch (DefinitionInvalidException ex)
        {
            return Problems.BadRequest($"The run was not started: {ex.Message}", ex.Errors);
        }
    }

    private static async Task<IResult> ListAsync(string? status, string? definitionId, string? skip, string? take, IRunStore store, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        RunStatus? parsedStatus = null;
        if (status is { Length: > 0 })
        {
            if (Enum.TryParse<RunStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
            {
                parsedStatus = s;
            }
            else
            {
                errors.Add(new FieldError("status", $"Use one of {string.Join(", ", Enum.GetNames<RunStatus>())}."));
            }
        }

        int? skipped = PageQuery.Skip(skip, errors);
        int? taken = PageQuery.Take(take, MaxTake, errors);
        if (errors.Count > 0)
        {
            return Problems.BadRequest("The filter is not valid.", errors);
        }

        var page = await store.ListAsync(new RunQuery(parsedStatus, definitionId is { Length: > 0 } ? definitionId : null, skipped ?? 0, taken ?? 50), ct);
        return Results.Ok(new { items = page.Items.Select(RunSummary), total = page.Total });
    }

    private static async Task<IResult> GetAsync(string runId, IRunStore store, IDefinitionStore definitions, CancellationToken ct)
    {
        var run = await store.GetAsync(runId, ct);
        if (run is null)
        {
            return Problems.NotFound(NoRun(runId));
        }

        var pending = await store.GetBookmarksAsync(new BookmarkQuery(RunId: runId, Names: ApprovalsApi.GateNames), ct);
        var incidents = await store.GetIncidentsAsync(runId, ct);
        var journal = await store.GetJournalOfKindsAsync(runId, RunView.ActivityRecordKinds, ct);
        var definition = await definitions.GetAsync(run.DefinitionId, run.DefinitionVersion, ct);
        return Results.Ok(new
        {
            runId = run.RunId,
            definitionId = run.DefinitionId,
            version = run.DefinitionVersion,
            status = run.Status.ToString(),
            startedBy = run.StartedBy,
            startedAt = run.StartedAt,
            finishedAt = run.FinishedAt,
            fault = run.Fault,
            input = run.Input,
            activities = RunView.Activities(run, journal, definition).Select(a => new
            {
                activityId = a.ActivityId,
                path = a.Path,
                type = a.Type,
                status = a.Status,
                outcome = a.Outcome,
                startedAt = a.StartedAt,
                completedAt = a.CompletedAt,
                attempt = a.Attempt,
                error = a.Error,
            }),
            pendingApprovals = ApprovalJson.ForRun(pending, run),
            incidents = incidents.Select(IncidentJson),
        });
    }

    private static async Task<IResult> CancelAsync(string runId, HttpContext context, IWorkflowRuntime runtime, CancellationToken ct)
    {
        string reason = "no reason given";
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, error) = await RequestBody.ReadObjectAsync(context.Request, ct);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            RequestBody.TryText(body!, "reason", errors, out string? given);
            RequestBody.CheckFields(body!, errors, "reason");
            if (errors.Count > 0)
            {
                return Problems.BadRequest("The run was not cancelled.", errors);
            }

            reason = given is { Length: > 0 } ? given : reason;
        }

        return await runtime.CancelAsync(runId, reason, context.User.Actor(), ct) switch
        {
            SignalResult.Accepted => Results.Accepted($"/api/runs/{runId}", new { runId, cancelRequestedBy = context.User.Actor(), reason }),
            SignalResult.Conflict => Problems.Conflict($"Run {runId} has finished or is already being cancelled."),
            _ => Problems.NotFound(NoRun(runId)),
        };
    }

    private static async Task<IResult> ResolveAsync(string runId, string incidentId, HttpContext context, IWorkflowRuntime runtime, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(context.Request, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        RequestBody.TryText(body!, "action", errors, out string? action);
        RequestBody.TryText(body!, "outcome", errors, out string? outcome);
        RequestBody.TryText(body!, "comment", errors, out string? comment);
        if (action is null && errors.Count == 0)
        {
            errors.Add(new FieldError("action", $"'action' is required: {string.Join(", ", IncidentActions.All)}."));
        }
        else if (outcome is not null && action is IncidentActions.Retry or IncidentActions.Abort)
        {
            errors.Add(new FieldError("outcome", $"'outcome' is chosen only when skipping; {action} does not take one."));
        }

        RequestBody.CheckFields(body!, errors, "action", "outcome", "comment");
        if (errors.Count > 0)
        {
            return Problems.BadRequest("The incident was not resolved.", errors);
        }

        try
        {
            return await runtime.ResolveIncidentAsync(runId, incidentId, action!, outcome, comment ?? string.Empty, context.User.Actor(), ct) switch
            {
                SignalResult.Accepted => Results.Accepted($"/api/runs/{runId}", new { runId, incidentId, action, outcome, resolvedBy = context.User.Actor() }),
                SignalResult.Conflict => Problems.Conflict($"Incident {incidentId} is already resolved (or being resolved), or the run has finished."),
                _ => Problems.NotFound($"Run {runId} has no incident {incidentId}."),
            };
        }
        catch (RunRequestException ex)
        {
            return Problems.BadRequest(ex.Message, ex.Errors);
        }
    }

    internal static object RunSummary(RunRecord run) => new
    {
        runId = run.RunId,
        definitionId = run.DefinitionId,
        version = run.DefinitionVersion,
        status = run.Status.ToString(),
        startedBy = run.StartedBy,
        startedAt = run.StartedAt,
        finishedAt = run.FinishedAt,
        fault = run.Fault,
    };

    internal static object IncidentJson(Incident i) => new
    {
        incidentId = i.IncidentId,
        runId = i.RunId,
        activityId = i.ActivityId,
        path = i.ActivityPath,
        kind = i.Kind.ToString(),
        message = i.Message,
        openedAt = i.OpenedAt,
        attempts = i.Attempts,
        status = i.IsOpen ? "open" : "resolved",
        resolution = i.Resolution is { } r ? new { action = r.Action, outcome = r.Outcome, comment = r.Comment, resolvedBy = r.ResolvedBy, resolvedAt = r.ResolvedAt } : null,
    };

    internal static string NoRun(string runId) => $"There is no run '{runId}'.";
}
