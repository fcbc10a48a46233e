using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace RunbookHost.Server.Hosting;

/// <summary>Serves the built designer at / (with the SPA fallback), or a plain page saying how to build it.</summary>
internal static class DesignerFiles
{
    public static void Map(WebApplication app)
    {
        string? dist = app.Services.GetRequiredService<IOptions<RunbookOptions>>().Value.DesignerPath ?? RepositoryPaths.Find(Path.Combine("designer", "dist"));
        if (dist is not null && File.Exists(Path.Combine(dist, "index.html")))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(dist));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
            return;
        }

        app.MapGet("/", () => Results.Content(
            """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>RunbookHost</title></head>
            <body style="font-family:system-ui;margin:2rem"><h1>RunbookHost</h1>
            <p>The API is running (see <a href="/openapi/v1.json">/openapi/v1.json</a>). The designer has not been built:
            run <code>npm ci &amp;&amp; npm run build</code> in <code>designer/</code>, or build the server with npm installed.</p></body></html>
            """,
            "text/html; charset=utf-8")).AllowAnonymous();
    }
}
