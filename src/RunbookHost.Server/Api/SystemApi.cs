using RunbookHost.Server.Hosting;
using RunbookHost.Workflows.Descriptors;

namespace RunbookHost.Server.Api;

/// <summary>Health, the signed-in user and the activity catalogue.</summary>
internal static class SystemApi
{
    public static void MapSystemApi(this IEndpointRouteBuilder app)
    {
        // Answered once the schema is migrated and the server listens; the shipped workflows may still be importing.
        app.MapGet("/health", (WorkflowImportProgress import) => TypedResults.Ok(new HealthReport("Healthy", import.State)))
            .AllowAnonymous();

        app.MapGet("/api/me", (HttpContext context) => Results.Ok(new
        {
            name = context.User.Actor(),
            roles = context.User.Claims.Where(c => c.Type == System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray(),
        })).RequireAuthorization(Policies.Viewer);

        app.MapGet("/api/audit", async (string? skip, string? take, RunbookHost.Persistence.Audit.IAuditTrail audit, CancellationToken ct) =>
        {
            var errors = new List<FieldError>();
            int? skipped = PageQuery.Skip(skip, errors);
            int? taken = PageQuery.Take(take, 500, errors);
            return errors.Count > 0
                ? Problems.BadRequest("The page is not valid.", errors)
                : Results.Ok(await audit.ListAsync(skipped ?? 0, taken ?? 100, ct));
        }).RequireAuthorization(Policies.Viewer);

        app.MapGet("/api/activities", (ActivityRegistry registry) => Results.Ok(registry.Descriptors.Select(d => new
        {
            type = d.Type,
            category = d.Category,
            displayName = d.DisplayName,
            description = d.Description,
            inputs = d.Inputs.Select(i => new { name = i.Name, typeName = i.TypeName, required = i.Required, defaultValue = i.DefaultValue, description = i.Description, options = i.Options, displayName = i.DisplayName, uiHint = i.UIHint }),
            outputs = d.Outputs.Select(o => new { name = o.Name, typeName = o.TypeName, description = o.Description }),
            outcomes = d.Outcomes,
            sideEffect = d.SideEffect.ToString(),
            reconcilable = d.Reconcilable,
            defaultResilience = d.DefaultResilience,
        }))).RequireAuthorization(Policies.Viewer);
    }
}

/// <summary>The answer of <c>GET /health</c>: the host serves requests on a migrated database; the shipped workflows may still be importing.</summary>
internal sealed record HealthReport(string Status, WorkflowImportState WorkflowImport);
