using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Lab;
using RunbookHost.Persistence.Audit;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.OperatorActions;

namespace RunbookHost.Server.Api;

/// <summary>
/// The simulated environment: its state, its faults, what an administrator does by hand at a site (operator actions), and a reset.
/// Faults and the reset shape the rehearsal and are an admin's; operator actions are what the operator who confirms a
/// runbook's manual step does by hand, so an operator performs them.
/// </summary>
internal static class LabApi
{
    public static void MapLabApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/lab", (LabEnvironment lab) => Results.Ok(new { snapshot = lab.Snapshot(), faults = lab.FaultCatalog, actions = lab.ActionCatalog }))
            .RequireAuthorization(Policies.Viewer);

        app.MapPost("/api/lab/faults", async (HttpContext context, LabEnvironment lab, IAuditTrail audit, CancellationToken ct) =>
        {
            var (body, error) = await RequestBody.ReadObjectAsync(context.Request, ct);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            RequestBody.TryText(body!, "fault", errors, out string? fault);
            if (fault is null && errors.Count == 0)
            {
                errors.Add(new FieldError("fault", $"'fault' is required: one of {string.Join(", ", lab.FaultCatalog.Select(f => f.Name))}."));
            }

            var parameters = Parameters(body!, errors);
            bool enabled = true;
            if (body!["enabled"] is { } enabledNode)
            {
                if (enabledNode is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    enabled = flag.GetValue<bool>();
                }
                else
                {
                    errors.Add(new FieldError("enabled", "'enabled' must be true (inject) or false (clear)."));
                }
            }

            RequestBody.CheckFields(body, errors, "fault", "parameters", "enabled");
            if (errors.Count > 0)
            {
                return Problems.BadRequest("The fault was not changed.", errors);
            }

            try
            {
                var snapshot = lab.SetFault(new LabFaultRequest(fault!, parameters, enabled));
                await audit.RecordAsync(context.User.Actor(), enabled ? "LabFaultInjected" : "LabFaultCleared", fault!, string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}")), ct);
                return Results.Ok(snapshot);
            }
            catch (LabFaultException ex)
            {
                return Problems.BadRequest(ex.Message, [new FieldError(ex.Parameter is { } parameter ? $"parameters.{parameter}" : "fault", ex.Message)]);
            }
        }).RequireAuthorization(Policies.Admin);

        // What the designer's Clear button calls: every active fault of that name, whatever its parameters.
        app.MapDelete("/api/lab/faults/{fault}", async (string fault, HttpContext context, LabEnvironment lab, IAuditTrail audit, CancellationToken ct) =>
        {
            int cleared;
            try
            {
                cleared = lab.ClearFault(fault);
            }
            catch (LabFaultException ex)
            {
                return Problems.NotFound(ex.Message);
            }

            if (cleared == 0)
            {
                return Problems.NotFound($"No '{fault}' fault is active.");
            }

            await audit.RecordAsync(context.User.Actor(), "LabFaultCleared", fault, $"{cleared} cleared", ct);
            return Results.Ok(lab.Snapshot());
        }).RequireAuthorization(Policies.Admin);

        // What an administrator does by hand at a site (re-enable the CMS computer account...): 409 with the reason when it makes no sense now.
        app.MapPost("/api/lab/actions", async (HttpContext context, LabEnvironment lab, IAuditTrail audit, CancellationToken ct) =>
        {
            var (body, error) = await RequestBody.ReadObjectAsync(context.Request, ct);
            if (error is not null)
            {
                return error;
            }

            var errors = new List<FieldError>();
            RequestBody.TryText(body!, "action", errors, out string? action);
            if (string.IsNullOrWhiteSpace(action) && errors.Count == 0)
            {
                errors.Add(new FieldError("action", $"'action' is required: one of {string.Join(", ", lab.ActionCatalog.Select(a => a.Name))}."));
            }

            var parameters = Parameters(body!, errors);
            RequestBody.CheckFields(body!, errors, "action", "parameters");
            if (errors.Count > 0)
            {
                return Problems.BadRequest("The action was not performed.", errors);
            }

            LabActionResult result;
            try
            {
                result = lab.Perform(new LabActionRequest(action!, parameters));
            }
            catch (LabActionException ex)
            {
                return Problems.BadRequest(ex.Message, [new FieldError(ex.Parameter is { } parameter ? $"parameters.{parameter}" : "action", ex.Message)]);
            }
            catch (LabActionRefusedException ex)
            {
                return Problems.Conflict(ex.Message);
            }

            string given = string.Join(", ", result.Parameters.Select(p => $"{p.Key}={p.Value}"));
            await audit.RecordAsync(context.User.Actor(), "LabActionPerformed", result.Action, given.Length == 0 ? result.Message : $"{given}: {result.Message}", ct);
            return Results.Ok(new { action = result.Action, parameters = result.Parameters, message = result.Message, commands = result.Commands, snapshot = lab.Snapshot() });
        }).RequireAuthorization(Policies.Operator);

        app.MapPost("/api/lab/reset", async (HttpContext context, LabEnvironment lab, IAuditTrail audit, CancellationToken ct) =>
        {
            var snapshot = lab.Reset();
            await audit.RecordAsync(context.User.Actor(), "LabReset", "lab", null, ct);
            return Results.Ok(snapshot);
        }).RequireAuthorization(Policies.Admin);
    }

    /// <summary>A request's optional <c>parameters</c> object, each value text, a number or true/false (kept as its text).</summary>
    private static Dictionary<string, string> Parameters(JsonObject body, List<FieldError> errors)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (body["parameters"] is JsonObject given)
        {
            foreach (var (name, value) in given)
            {
                if (value is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    parameters[name] = v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
                }
                else
                {
                    errors.Add(new FieldError($"parameters.{name}", "A parameter must be text, a number or true/false."));
                }
            }
        }
        else if (body["parameters"] is not null)
        {
            errors.Add(new FieldError("parameters", "'parameters' must be an object."));
        }

        return parameters;
    }
}
