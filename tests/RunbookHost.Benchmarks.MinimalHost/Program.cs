// Published and started by the start-up benchmark as `dotnet RunbookHost.Benchmarks.MinimalHost.dll --urls=...`, like the host.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => TypedResults.Ok(new { status = "Healthy" }));
await app.RunAsync();
