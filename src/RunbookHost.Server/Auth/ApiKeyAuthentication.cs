using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace RunbookHost.Server.Auth;

/// <summary>
/// Signs a request in by its API key: <c>Authorization: Bearer &lt;key&gt;</c>, <c>X-Api-Key</c>, or
/// (for the event stream, which browsers open without headers) <c>?access_token=</c>.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserDirectory users,
    SignInThrottle throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string DemoClaim = "runbook:demo";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = KeyOf(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = users.Find(key);
        if (user is null || (user.IsDemo && !IsLoopback(Context)))
        {
            throttle.RecordFailure(Context);
            return Task.FromResult(AuthenticateResult.Fail(user is null ? "Unknown API key." : "Demo keys are accepted on loopback only."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            SchemeName);
        if (user.IsDemo)
        {
            identity.AddClaim(new Claim(DemoClaim, "true"));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>401 as problem+json saying whether the key was missing or not accepted.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        string detail = KeyOf(Request) is null
            ? "No API key was sent: use 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
            : $"The API key was not accepted: {result.Failure?.Message ?? "unknown key."}";
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(title: "Unauthorized.", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    /// <summary>403 as problem+json naming the role the endpoint needs.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles).OfType<string>().Distinct().ToList() ?? [];
        var roles = Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        string detail = $"{Context.User.Identity?.Name ?? "This user"} ({(roles.Count == 0 ? "no roles" : string.Join(", ", roles))}) may not do this"
            + (needed.Count == 0 ? "." : $": it needs the '{string.Join("' or '", needed)}' role.");
        await Results.Problem(title: "Forbidden.", detail: detail, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }

    internal static string? KeyOf(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (request.Headers.TryGetValue("X-Api-Key", out var apiKey) && apiKey.Count > 0)
        {
            return apiKey[0];
        }

        if (request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true && request.Query.TryGetValue("access_token", out var token))
        {
            return token[0];
        }

        return null;
    }

    internal static bool IsLoopback(HttpContext context) =>
        context.Connection.LocalIpAddress is null || IPAddress.IsLoopback(context.Connection.LocalIpAddress);
}
