using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Api;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Server.Plans;

/// <summary>POST /api/workflows/{definitionId}/plan: the ordered steps and exact commands, nothing executed.</summary>
internal static class PlansApi
{
    public static void MapPlansApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/workflows/{definitionId}/plan", async (string definitionId, HttpContext context, DryRun dryRun, WorkflowDefinitions definitions, CancellationToken ct) =>
        {
            JsonObject body = [];
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                var (read, error) = await RequestBody.ReadObjectAsync(context.Request, ct);
                if (error is not null)
                {
                    return error;
                }

                body = read!;
            }

            var errors = new List<FieldError>();
            if (body["input"] is { } input and not JsonObject)
            {
                errors.Add(new FieldError("input", "'input' must be an object."));
            }

            int? version = RequestBody.Version(body, errors);
            RunInput.CheckLists(body["input"], errors);
            RequestBody.CheckFields(body, errors, "input", "version");

            if (errors.Count > 0)
            {
                return Problems.BadRequest("No plan was made.", errors);
            }

            try
            {
                var plan = await dryRun.PlanAsync(definitionId, version, (JsonObject?)body["input"]?.DeepClone(), ct);
                if (plan is null)
                {
                    return Problems.NotFound(await definitions.NothingToRunAsync(definitionId, version, ct));
                }

                return Results.Ok(plan);
            }
            catch (RunRequestException ex)
            {
                return Problems.BadRequest(ex.Message, ex.Errors);
            }
            catch (DefinitionInvalidException ex)
            {
                return Problems.BadRequest($"No plan was made: {ex.Message}", ex.Errors);
            }
        }).RequireAuthorization(Policies.Operator).AfterWorkflowImport();
}
