using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Api;

/// <summary>Human gates: the pending list, and deciding one (four eyes for approvals).</summary>
internal static class ApprovalsApi
{
    public static readonly IReadOnlyList<string> GateNames = ["Approval", "ManualStep"];

    /// <summary>The largest page of <c>GET /api/approvals?take=</c>.</summary>
    public const int MaxTake = 1_000;

    public static void MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/approvals", ListAsync).RequireAuthorization(Policies.Viewer);

        app.MapPost("/api/approvals/{approvalId}", DecideAsync).RequireAuthorization(Policies.Viewer);
    }

    /// <summary>
    /// Every pending gate, oldest first; optionally a page: <c>take</c> of them <c>after</c> the gate
    /// with that approvalId (the last of the previous page).
    /// </summary>
    /// <remarks>
    /// The gates go from the store's rows to the response's JSON without strings or objects in between
    /// (<see cref="ApprovalJson"/>): listing thousands costs little more than reading them.
    /// </remarks>
    private static async Task<IResult> ListAsync(string? status, string? runId, string? take, string? after, IRunStore store, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (status is { Length: > 0 } && !string.Equals(status, "pending", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadRequest("Only pending gates are listed here; decided ones are in each run's journal and report.", [new FieldError("status", "Use 'pending'.")]);
        }

        int? pageSize = null;
        if (take is not null)
        {
            if (int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed is >= 1 and <= MaxTake)
            {
                pageSize = parsed;
            }
            else
            {
                errors.Add(new FieldError("take", $"'take' must be a whole number between 1 and {MaxTake}; got '{take}'."));
            }
        }

        GateCursor? cursor = null;
        if (after is not null)
        {
            cursor = await FindCursorAsync(store, after, ct);
            if (cursor is null)
            {
                errors.Add(new FieldError("after", $"'after' must be the approvalId of a gate (the last of the previous page); there is no approval '{after}'."));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest("The approvals could not be listed.", errors);
        }

        var body = new JsonBody();
        var query = new PendingGateQuery(GateNames, runId is { Length: > 0 } ? runId : null, pageSize, cursor);
        await ApprovalJson.WriteListAsync(store, query, body, ApprovalJson.WriterOptions(json.Value.SerializerOptions), ct);
        return body;
    }

    /// <summary>Where a page <c>after</c> the gate <paramref name="approvalId"/> starts; null when there is no such gate.</summary>
    internal static async Task<GateCursor?> FindCursorAsync(IRunStore store, string approvalId, CancellationToken ct)
    {
        var gate = approvalId.Length == 0 ? null : await store.FindBookmarkAsync(approvalId, ct);
        return gate is null || !GateNames.Contains(gate.Name) ? null : new GateCursor(gate.CreatedAt, gate.BookmarkId);
    }

    private static async Task<IResult> DecideAsync(string approvalId, HttpContext context, IRunStore store, IWorkflowRuntime runtime, TimeProvider time, ILogger<RunbookOptions> logger, CancellationToken ct)
    {
        var gate = await store.FindBookmarkAsync(approvalId, ct);
        if (gate is null || !GateNames.Contains(gate.Name))
        {
            return Problems.NotFound($"There is no approval '{approvalId}'.");
        }

        bool isApproval = gate.Name == "Approval";
        var user = context.User;
        string requiredRole = isApproval ? Roles.Approver : Roles.Operator;
        if (!user.IsInRole(requiredRole))
        {
            return Problems.Forbidden($"Deciding {(isApproval ? "an approval" : "a manual step")} needs the '{requiredRole}' role.");
        }

        var allowed = (gate.Payload["allowedRoles"] as JsonArray)?.Select(r => r?.ToString()).OfType<string>().ToList() ?? [];
        if (allowed.Count > 0 && !allowed.Exists(user.IsInRole))
        {
            return Problems.Forbidden($"This gate may be decided by {string.Join(" or ", allowed)} only.");
        }

        var (body, error) = await RequestBody.ReadObjectAsync(context.Request, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<FieldError>();
        RequestBody.TryText(body!, "decision", errors, out string? decision);
        RequestBody.TryText(body!, "comment", errors, out string? comment);
        if (decision is not ("approve" or "reject") && errors.Count == 0)
        {
            errors.Add(new FieldError("decision", "'decision' must be 'approve' or 'reject'."));
        }
        else if (!isApproval && decision == "reject")
        {
            errors.Add(new FieldError("decision", "A manual step can only be confirmed as done ('approve'); cancel the run or leave it waiting instead."));
        }

        RequestBody.CheckFields(body!, errors, "decision", "comment");
        if (errors.Count > 0)
        {
            return Problems.BadRequest("The decision was not recorded.", errors);
        }

        var run = await store.GetAsync(gate.RunId, ct);
        if (isApproval && run is not null && string.Equals(run.StartedBy, user.Actor(), StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden($"Four eyes: {user.Actor()} started this run and cannot decide its approvals.");
        }

        var decidedAt = time.GetUtcNow();
        var result = await runtime.ResumeAsync(approvalId, new JsonObject { ["decision"] = decision, ["comment"] = comment ?? string.Empty }, user.Actor(), ct);
        switch (result)
        {
            case SignalResult.Accepted:
                Log.ApprovalDecided(logger, approvalId, decision!, user.Actor());
                return Results.Ok(new { approvalId, decision, decidedBy = user.Actor(), decidedAt });
            case SignalResult.Conflict:
                return Problems.Conflict($"Approval {approvalId} has already been decided (or its run has ended).");
            default:
                return Problems.NotFound($"There is no approval '{approvalId}'.");
        }
    }
}
