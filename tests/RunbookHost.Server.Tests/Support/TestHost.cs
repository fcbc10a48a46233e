using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using RunbookHost.Server.Hosting;

namespace RunbookHost.Server.Tests.Support;

/// <summary>
/// The real host (SQLite file, background runner, auth) on the ASP.NET Core test server, with one
/// user per role and test workflows made of built-in activities.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["viewer"] = "viewer-key-0123456789",
        ["olivia"] = "operator-key-0123456789",
        ["amir"] = "approver-key-0123456789",
        ["ada"] = "admin-key-0123456789abc",
        ["bob"] = "approver2-key-0123456789",
    };

    private readonly WebApplication _app;

    private TestHost(WebApplication app, string folder)
    {
        _app = app;
        Folder = folder;
    }

    public string Folder { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<TestHost> StartAsync(params string[] extraSettings) => StartAsync(null, extraSettings);

    /// <summary>Starts the host with <paramref name="customize"/> applied to its builder (extra logging providers, services).</summary>
    public static async Task<TestHost> StartAsync(Action<WebApplicationBuilder>? customize, params string[] extraSettings)
    {
        var (host, started) = await BeginAsync(customize, extraSettings);
        await started;
        return host;
    }

    /// <summary>
    /// Starts the host without waiting for its start to end (the returned task): requests can be made
    /// as soon as the test server runs. <paramref name="customize"/> sees the builder before the host's services.
    /// </summary>
    public static async Task<(TestHost Host, Task Started)> BeginAsync(Action<WebApplicationBuilder>? customize, params string[] extraSettings)
    {
        string folder = Path.Combine(Path.GetTempPath(), "runbookhost-server-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "workflows"));
        foreach (var (name, json) in TestWorkflows.All)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "workflows", name + ".json"), json);
        }

        string[] settings =
        [
            $"--Runbook:Database:ConnectionString=Data Source={Path.Combine(folder, "runbook.db")}",
            $"--Runbook:WorkflowsPath={Path.Combine(folder, "workflows")}",
            $"--Runbook:DesignerPath={Path.Combine(folder, "no-designer")}",
            $"--Runbook:Lab:StateFile={Path.Combine(folder, "lab-state.json")}",
            "--Runbook:Engine:PollInterval=00:00:00.050",
            .. User(0, "viewer", "viewer"),
            .. User(1, "olivia", "operator"),
            .. User(2, "amir", "approver"),
            .. User(3, "ada", "admin"),
            .. User(4, "bob", "approver"),
            .. extraSettings,
        ];
        var app = RunbookHostApp.Build(settings, builder =>
        {
            builder.WebHost.UseTestServer();
            customize?.Invoke(builder);
        });
        return (new TestHost(app, folder), app.StartAsync());
    }

    private static string[] User(int i, string name, string role) =>
        [$"--Runbook:Users:{i}:Name={name}", $"--Runbook:Users:{i}:ApiKey={Keys[name]}", $"--Runbook:Users:{i}:Roles:0={role}"];

    /// <summary>A client signed in as <paramref name="user"/>, or anonymous when null.</summary>
    public HttpClient Client(string? user)
    {
        var client = _app.GetTestClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys.TryGetValue(user, out string? key) ? key : user);
        }

        return client;
    }

    public async Task<string> StartRunAsync(string definitionId, string user = "olivia", JsonObject? input = null)
    {
        using var response = await Client(user).PostAsJsonAsync("/api/runs", new JsonObject { ["definitionId"] = definitionId, ["input"] = input ?? [] });
        Assert.AreEqual(System.Net.HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.ToString();
    }

    /// <summary>Polls the run until it has <paramref name="status"/> (bounded: a broken host fails the test).</summary>
    public async Task<JsonNode> WaitForStatusAsync(string runId, string status)
    {
        var client = Client("viewer");
        JsonNode? run = null;
        for (int i = 0; i < 400; i++)
        {
            run = await client.GetFromJsonAsync<JsonNode>($"/api/runs/{runId}");
            if (run!["status"]!.ToString() == status)
            {
                return run;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Run {runId} did not reach {status}; it is {run?["status"]}: {run?.ToJsonString()}");
        return run!;
    }

    /// <summary>Polls the run's journal until a record matches <paramref name="match"/>; returns the whole journal then.</summary>
    public async Task<JsonArray> WaitForJournalAsync(string runId, Func<JsonNode, bool> match)
    {
        var client = Client("viewer");
        JsonArray? journal = null;
        for (int i = 0; i < 400; i++)
        {
            journal = (await client.GetFromJsonAsync<JsonArray>($"/api/runs/{runId}/journal"))!;
            if (journal.Any(r => r is not null && match(r)))
            {
                return journal;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Run {runId} never journaled the expected record; it has {journal?.Count} records.");
        return journal!;
    }

    public async Task<JsonNode> PendingGateAsync(string runId)
    {
        var client = Client("viewer");
        for (int i = 0; i < 400; i++)
        {
            var gates = (await client.GetFromJsonAsync<JsonArray>($"/api/approvals?status=pending&runId={runId}"))!;
            if (gates.Count > 0)
            {
                return gates[0]!;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"Run {runId} never waited at a gate.");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
