using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

/// <summary>Malformed and oversized bodies on every endpoint that reads one, path tricks in report requests, and bad or missing API keys.</summary>
[TestClass]
public sealed class HostileRequestTests
{
    private static readonly (string Body, string Says)[] Malformed =
    [
        ("{\"definitionId\": ", "not valid JSON"),
        ("{\"a\": 1,}", "not valid JSON"),
        ("{'single': 'quotes'}", "not valid JSON"),
        ("[1, 2, 3]", "must be a JSON object"),
        ("\"just text\"", "must be a JSON object"),
        ("null", "body is empty"),
        (string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)), "not valid JSON"),
    ];

    [TestMethod]
    public async Task EveryBodyEndpoint_MalformedOrOversizedBody_4xxNamingTheProblem_NothingChanges()
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("gate");
        string approvalId = (await host.PendingGateAsync(runId))["approvalId"]!.ToString();
        var before = await HostState.ReadAsync(host);
        (string User, HttpMethod Method, string Url)[] endpoints =
        [
            ("olivia", HttpMethod.Post, "/api/runs"),
            ("olivia", HttpMethod.Post, $"/api/runs/{runId}/cancel"),
            ("olivia", HttpMethod.Post, $"/api/runs/{runId}/incidents/none/resolve"),
            ("amir", HttpMethod.Post, $"/api/approvals/{approvalId}"),
            ("ada", HttpMethod.Put, "/api/workflows/quick"),
            ("viewer", HttpMethod.Post, "/api/workflows/validate"),
            ("olivia", HttpMethod.Post, "/api/workflows/gate/plan"),
            ("ada", HttpMethod.Post, "/api/lab/faults"),
            ("ada", HttpMethod.Post, "/api/lab/actions"),
        ];

        foreach (var (user, method, url) in endpoints)
        {
            foreach (var (body, says) in Malformed)
            {
                using var response = await host.Client(user).SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
                await Problem.AssertAsync(response, HttpStatusCode.BadRequest, says, $"{method} {url} with {body[..Math.Min(20, body.Length)]}");
            }

            using var invalidUtf8 = await host.Client(user).SendAsync(new HttpRequestMessage(method, url) { Content = Bytes([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']) });
            await Problem.AssertAsync(invalidUtf8, HttpStatusCode.BadRequest, "not valid JSON", $"{method} {url} with invalid UTF-8");
            using var oversized = await host.Client(user).SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent($"{{\"comment\":\"{new string('x', 1_100_000)}\"}}", Encoding.UTF8, "application/json") });
            await Problem.AssertAsync(oversized, HttpStatusCode.RequestEntityTooLarge, "at most 1048576", $"{method} {url} oversized");
        }

        Assert.AreEqual(before, await HostState.ReadAsync(host), "a rejected request changes no state");
    }

    [TestMethod]
    [DataRow("format=../../../../etc/passwd", HttpStatusCode.BadRequest)]
    [DataRow("format=..%2F..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [DataRow("format=%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [DataRow("format=html%00.txt", HttpStatusCode.BadRequest)]
    [DataRow("format=html%2F..%2F..%2Fcsv", HttpStatusCode.BadRequest)]
    [DataRow("format=C:%5CWindows%5Cwin.ini", HttpStatusCode.BadRequest)]
    [DataRow("format=exe", HttpStatusCode.BadRequest)]
    [DataRow("format=html&format=csv", HttpStatusCode.BadRequest)]
    public async Task Report_PathTricksInTheFormat_400NamingFormat_NothingRead(string query, HttpStatusCode status)
    {
        await using var host = await TestHost.StartAsync();
        string runId = await host.StartRunAsync("quick");
        await host.WaitForStatusAsync(runId, "Completed");

        using var response = await host.Client("viewer").GetAsync($"/api/runs/{runId}/report?{query}");

        var problem = await Problem.AssertAsync(response, status, "format");
        Assert.DoesNotContain("root:", problem.ToJsonString(), "no file content leaks");
        Assert.IsNull(response.Content.Headers.ContentDisposition, "no file is offered");
    }

    [TestMethod]
    [DataRow("..%2F..%2F..%2Fetc%2Fpasswd")]
    [DataRow("%2Fetc%2Fpasswd")]
    [DataRow("..%5C..%5Cwindows%5Cwin.ini")]
    [DataRow("%2E%2E")]
    [DataRow("C%3A%5Cdata%5Crunbook.db")]
    public async Task Report_PathTricksInTheRunId_404NoFileRead(string runId)
    {
        await using var host = await TestHost.StartAsync();

        foreach (string format in new[] { "html", "csv", "json" })
        {
            using var response = await host.Client("viewer").GetAsync($"/api/runs/{runId}/report?format={format}");

            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, runId);
            string text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("root:", text);
            Assert.DoesNotContain("SQLite format", text);
        }
    }

    [TestMethod]
    public async Task Api_MissingOrBadKey_401ProblemSayingSo_NothingStarted()
    {
        await using var host = await TestHost.StartAsync();
        var attempts = new (string What, Action<HttpRequestHeaders> Sign)[]
        {
            ("no key", _ => { }),
            ("unknown bearer key", h => h.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-key")),
            ("empty bearer key", h => h.TryAddWithoutValidation("Authorization", "Bearer ")),
            ("basic scheme", h => h.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("olivia:operator-key-0123456789")))),
            ("unknown X-Api-Key", h => h.Add("X-Api-Key", "' OR 1=1 --")),
            ("key with a NUL", h => h.TryAddWithoutValidation("X-Api-Key", "operator-key-0123456789\0")),
        };

        foreach (var (what, sign) in attempts)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { definitionId = "quick" }) };
            sign(request.Headers);
            using var response = await host.Client(null).SendAsync(request);
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "API key", what);
        }

        using var viewer = await host.Client("viewer").PostAsJsonAsync("/api/runs", new { definitionId = "quick" });
        await Problem.AssertAsync(viewer, HttpStatusCode.Forbidden, "operator", "a viewer starting a run");
        Assert.AreEqual(0, (await host.Client("viewer").GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>("/api/runs"))!["total"]!.GetValue<int>());
    }

    [TestMethod]
    public async Task Api_TooManyBadKeys_429ProblemAndTheGoodKeyStartsNothing()
    {
        await using var host = await TestHost.StartAsync("--Runbook:FailedSignInsPerMinute=2");
        for (int i = 0; i < 2; i++)
        {
            await host.Client($"guess-{i}").GetAsync("/api/runs");
        }

        using var blocked = await host.Client("olivia").PostAsJsonAsync("/api/runs", new { definitionId = "quick" });

        await Problem.AssertAsync(blocked, HttpStatusCode.TooManyRequests, "failed sign-ins");
        Assert.IsNotNull(blocked.Headers.RetryAfter);
        var store = (RunbookHost.Workflows.Stores.IRunStore)host.Services.GetService(typeof(RunbookHost.Workflows.Stores.IRunStore))!;
        Assert.AreEqual(0, (await store.ListAsync(new RunbookHost.Workflows.Stores.RunQuery(null, null, 0, 10), CancellationToken.None)).Total);
    }

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
