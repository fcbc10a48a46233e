using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Persistence.Audit;
using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Serialization;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Validation;
using WorkflowDefinitions = RunbookHost.Workflows.Runtime.WorkflowDefinitions;

namespace RunbookHost.Server.Api;

/// <summary>Workflow definitions: list, read, versions, save draft, publish, validate.</summary>
internal static class WorkflowsApi
{
    public static void MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").AfterWorkflowImport();
        group.MapGet("/", async (IDefinitionStore store, CancellationToken ct) =>
            Results.Ok((await store.ListAsync(ct)).Select(d => new
            {
                definitionId = d.DefinitionId,
                name = d.Name,
                description = d.Description,
                latestVersion = d.LatestVersion,
                publishedVersion = d.PublishedVersion,
            }))).RequireAuthorization(Policies.Viewer);

        group.MapGet("/{definitionId}", async (string definitionId, IDefinitionStore store, CancellationToken ct) =>
            await store.GetAsync(definitionId, null, ct) is { } definition ? Json(definition) : Problems.NotFound($"There is no workflow '{definitionId}'."))
            .RequireAuthorization(Policies.Viewer);

        group.MapGet("/{definitionId}/versions", async (string definitionId, IDefinitionStore store, CancellationToken ct) =>
        {
            var versions = await store.ListVersionsAsync(definitionId, ct);
            return versions.Count == 0
                ? Problems.NotFound($"There is no workflow '{definitionId}'.")
                : Results.Ok(versions.Select(v => new { definitionId = v.DefinitionId, version = v.Version, isPublished = v.IsPublished, savedAt = v.SavedAt }));
        }).RequireAuthorization(Policies.Viewer);

        group.MapGet("/{definitionId}/versions/{version}", async (string definitionId, string version, IDefinitionStore store, CancellationToken ct) =>
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
            {
                return Problems.BadRequest($"'{version}' is not a version.", [new FieldError("version", "A version is a positive whole number.")]);
            }

            return await store.GetAsync(definitionId, number, ct) is { } definition ? Json(definition) : Problems.NotFound($"Workflow '{definitionId}' has no version {number}.");
        }).RequireAuthorization(Policies.Viewer);

        group.MapPut("/{definitionId}", SaveAsync).RequireAuthorization(Policies.Admin);

        group.MapPost("/{definitionId}/publish", async (string definitionId, HttpContext context, WorkflowDefinitions definitions, IAuditTrail audit, ILogger<WorkflowDefinitions> logger, CancellationToken ct) =>
        {
            try
            {
                var published = await definitions.PublishAsync(definitionId, null, ct);
                if (published is null)
                {
                    return Problems.NotFound($"There is no workflow '{definitionId}'.");
                }

                Log.DefinitionPublished(logger, definitionId, published.Version, context.User.Actor());
                await audit.RecordAsync(context.User.Actor(), "WorkflowPublished", definitionId, $"version {published.Version}", ct);
                return Results.Ok(new { definitionId, version = published.Version, isPublished = true });
            }
            catch (DefinitionInvalidException ex)
            {
                return Problems.BadRequest($"Workflow '{definitionId}' cannot be published: it is not valid.", ex.Errors);
            }
        }).RequireAuthorization(Policies.Admin);

        app.MapPost("/api/workflows/validate", async (HttpRequest request, WorkflowDefinitions definitions, CancellationToken ct) =>
        {
            var (definition, error) = await ReadDefinitionAsync(request, null, ct);
            if (error is not null)
            {
                return error;
            }

            var result = definitions.Validate(definition!);
            return Results.Ok(new { valid = result.Valid, errors = result.Errors.Select(e => new FieldError(e.Path, e.Message)) });
        }).RequireAuthorization(Policies.Viewer);
    }

    private static async Task<IResult> SaveAsync(string definitionId, HttpContext context, WorkflowDefinitions definitions, IAuditTrail audit, ILogger<WorkflowDefinitions> logger, CancellationToken ct)
    {
        var (definition, error) = await ReadDefinitionAsync(context.Request, definitionId, ct);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var saved = await definitions.SaveDraftAsync(definition!, ct);
            Log.DefinitionSaved(logger, definitionId, saved.Version, context.User.Actor());
            await audit.RecordAsync(context.User.Actor(), "WorkflowSaved", definitionId, $"draft version {saved.Version}", ct);
            return Results.Ok(new { definitionId, version = saved.Version, isPublished = false });
        }
        catch (DefinitionInvalidException ex)
        {
            return Problems.BadRequest($"Workflow '{definitionId}' was not saved: {ex.Errors.Count} problem(s).", ex.Errors);
        }
    }

    /// <summary>Reads a definition from the body; the route's id wins and must match one in the body.</summary>
    private static async Task<(WorkflowDefinition? Definition, IResult? Error)> ReadDefinitionAsync(HttpRequest request, string? definitionId, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadObjectAsync(request, ct);
        if (error is not null)
        {
            return (null, error);
        }

        if (definitionId is not null)
        {
            if (body!["definitionId"] is JsonValue given && given.GetValueKind() == JsonValueKind.String && given.GetValue<string>() != definitionId)
            {
                return (null, Problems.BadRequest("The body's definitionId differs from the URL's.", [new FieldError("definitionId", $"Expected '{definitionId}'.")]));
            }

            body!["definitionId"] = definitionId;
        }

        try
        {
            return (WorkflowJson.Parse(body!.ToJsonString()), null);
        }
        catch (DefinitionFormatException ex)
        {
            return (null, Problems.BadRequest(ex.Message, [new FieldError("$", ex.Message)]));
        }
    }

    private static IResult Json(WorkflowDefinition definition) =>
        Results.Text(WorkflowJson.Serialize(definition), "application/json");
}
