using System.Security.Claims;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Server.Api;

/// <summary>One bad field of a request, as the contract's <c>errors[]</c> reports it.</summary>
public sealed record FieldError(string Path, string Message);

/// <summary>The problem+json responses of the API.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail, IEnumerable<FieldError>? errors = null) =>
        Results.Problem(
            title: "The request is not valid.",
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = (errors ?? []).ToList() });

    public static IResult BadRequest(string detail, IEnumerable<ValidationError> errors) =>
        BadRequest(detail, errors.Select(e => new FieldError(e.Path, e.Message)));

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found.", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail) =>
        Results.Problem(title: "Conflict.", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static IResult Forbidden(string detail) =>
        Results.Problem(title: "Forbidden.", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
