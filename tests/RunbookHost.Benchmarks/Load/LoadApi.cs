using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Benchmarks.Measurement;

namespace RunbookHost.Benchmarks.Load;

/// <summary>The host's REST API as the load suite's users call it, timing every call by kind (start, decide, get run...).</summary>
internal sealed class LoadApi(Uri baseAddress, IReadOnlyDictionary<string, string> keys) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    private readonly ConcurrentDictionary<string, Samples> _timings = new(StringComparer.Ordinal);

    /// <summary>Every call's duration by kind.</summary>
    public IReadOnlyDictionary<string, Samples> Timings => _timings;

    public async Task<JsonNode> GetAsync(string kind, string user, string path, CancellationToken ct) =>
        await SendAsync(kind, user, HttpMethod.Get, path, null, ct);

    public async Task<JsonNode> PostAsync(string kind, string user, string path, JsonObject body, CancellationToken ct) =>
        await SendAsync(kind, user, HttpMethod.Post, path, body, ct);

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(string kind, string user, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", keys[user]);
        long started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, ct);
        string text = await response.Content.ReadAsStringAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var samples = _timings.GetOrAdd(kind, _ => new Samples());
        lock (samples)
        {
            samples.Add(elapsed);
        }

        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!
            : throw new InvalidOperationException($"{method} {path} as {user}: {(int)response.StatusCode} {text}");
    }
}
