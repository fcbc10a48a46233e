using System.Globalization;
using RunbookHost.Server.Api;

namespace RunbookHost.Server.Auth;

/// <summary>Answers 429 to a client that failed to sign in too often, before its key is even looked at.</summary>
internal sealed class SignInThrottleMiddleware(RequestDelegate next, SignInThrottle throttle, ILogger<SignInThrottleMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiKeyAuthentication.KeyOf(context.Request) is not null && throttle.IsBlocked(context, out var retryAfter))
        {
            Log.SignInThrottled(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await Results.Problem(title: "Too many failed sign-ins.", detail: "Wait a minute before trying again.", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
