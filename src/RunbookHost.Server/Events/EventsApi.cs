using System.Text.Json;
using RunbookHost.Server.Api;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Events;

/// <summary>Server-sent events: a run's journal records, past ones first (after Last-Event-ID), then as they commit.</summary>
internal static class EventsApi
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private const string EndEvent = "event: end\ndata: {}\n\n";

    public static void MapEventsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/runs/{runId}/events", StreamAsync).RequireAuthorization(Policies.Viewer);

    private static async Task StreamAsync(string runId, HttpContext context, IRunStore store, JournalBroadcast broadcast, IHostApplicationLifetime lifetime)
    {
        var ct = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping).Token;
        if (await store.GetAsync(runId, ct) is null)
        {
            await Problems.NotFound(RunsApi.NoRun(runId)).ExecuteAsync(context);
            return;
        }

        long after = long.TryParse(context.Request.Headers["Last-Event-ID"], out long lastId) ? lastId
            : long.TryParse(context.Request.Query["after"], out long fromQuery) ? fromQuery : 0;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        // Subscribe before reading history so nothing committed in between is missed.
        using var subscription = broadcast.Subscribe(runId);
        foreach (var record in await store.GetJournalAsync(runId, after, ct))
        {
            await WriteAsync(context, record, ct);
            after = record.Seq;
        }

        // A run that had ended before the stream opened: its history is all there is, and the client is told so as
        // it would have been watching it end. Records committed since the history was read arrive below.
        if (await store.GetAsync(runId, ct) is { IsFinished: true } ended && after >= ended.LastSeq)
        {
            await context.Response.WriteAsync(EndEvent, ct);
        }

        await context.Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAlive);
                try
                {
                    var record = await subscription.Reader.ReadAsync(wait.Token);
                    if (record.Seq <= after)
                    {
                        continue;
                    }

                    await WriteAsync(context, record, ct);
                    after = record.Seq;
                    if (record.Kind is JournalKinds.RunCompleted or JournalKinds.RunCancelled || (record.Kind == JournalKinds.RunFaulted && subscription.Reader.Count == 0))
                    {
                        await context.Response.WriteAsync(EndEvent, ct);
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                }

                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the host is stopping.
        }
    }

    private static Task WriteAsync(HttpContext context, JournalRecord record, CancellationToken ct)
    {
        string json = JsonSerializer.Serialize(record, JsonSerializerOptions.Web);
        return context.Response.WriteAsync($"id: {record.Seq}\nevent: journal\ndata: {json}\n\n", ct);
    }
}
