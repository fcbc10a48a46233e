using RunbookHost.Server.Hosting;

namespace RunbookHost.Server.Api;

/// <summary>Authorization policies, one per role of the contract.</summary>
internal static class Policies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Approver = "approver";
    public const string Admin = "admin";

    public static void AddRunbookPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (string role in Roles.All)
        {
            builder.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }
    }
}
