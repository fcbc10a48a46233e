using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RunbookHost.Exchange;
using RunbookHost.Persistence;
using RunbookHost.Server.Api;
using RunbookHost.Server.Auth;
using RunbookHost.Server.Events;
using RunbookHost.Server.Reports;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Runtime;

namespace RunbookHost.Server.Hosting;

/// <summary>Builds the host: configuration, the engine on SQL, the SCC domain and drivers, auth, the API and the designer.</summary>
internal static class RunbookHostApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The largest request body accepted (a definition of a few thousand activities fits).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Host.UseWindowsService().UseSystemd();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        customize?.Invoke(builder);
        Configure(builder.Services, builder.Configuration);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    private static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RunbookOptions>().Bind(configuration.GetSection(RunbookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunbookOptions>, RunbookOptionsValidator>();
        services.AddSingleton(sp => new UserDirectory(
            sp.GetRequiredService<IOptions<RunbookOptions>>().Value.Users,
            DemoUsersAllowed(sp.GetRequiredService<IOptions<RunbookOptions>>().Value, configuration) ? DemoUser.Create() : []));

        services.AddRunbookWorkflows(o => configuration.GetSection("Runbook:Engine").Bind(o));
        services.AddRunbookPersistence(configuration);
        services.AddRunbookExchange(configuration);
        Drivers.Register(services, configuration);

        services.AddSingleton<JournalBroadcast>();
        services.AddSingleton<IJournalObserver>(sp => sp.GetRequiredService<JournalBroadcast>());
        services.AddSingleton<RunReportBuilder>();
        services.AddSingleton<Plans.DryRun>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<WorkflowImportProgress>();
        services.AddHostedService<WorkflowImport>();
        services.AddHostedService<StartupBanner>();

        services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddRunbookPolicies();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
    }

    /// <summary>How the API writes JSON, on top of ASP.NET Core's web defaults (camelCase).</summary>
    internal static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Kestrel also stops longer streamed bodies; this answers every server the same way, before any work.
            if (context.Request.ContentLength > MaxRequestBodyBytes)
            {
                await Results.Problem(
                    title: "Payload too large.",
                    detail: $"The body has {context.Request.ContentLength} bytes; at most {MaxRequestBodyBytes} are accepted.",
                    statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.UseMiddleware<SignInThrottleMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapSystemApi();
        app.MapWorkflowsApi();
        Plans.PlansApi.MapPlansApi(app);
        app.MapRunsApi();
        app.MapApprovalsApi();
        app.MapEventsApi();
        app.MapReportsApi();
        Drivers.MapApi(app);
        DesignerFiles.Map(app);
        BuiltOnceEndpoints.Seal(app);
    }

    /// <summary>Demo users exist only with no configured users, the lab drivers, and loopback listeners only.</summary>
    internal static bool DemoUsersAllowed(RunbookOptions options, IConfiguration configuration) =>
        options.Users.Count == 0
        && string.Equals(options.Drivers, DriverKinds.Lab, StringComparison.OrdinalIgnoreCase)
        && ListensOnLoopbackOnly(configuration["urls"] ?? DefaultUrl);

    internal static bool ListensOnLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        {
            string host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            host = host.Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
            return host is "localhost" or "[::1]" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        });
}
