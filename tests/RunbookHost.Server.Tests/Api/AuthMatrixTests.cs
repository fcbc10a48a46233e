using System.Net;
using System.Text;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class AuthMatrixTests
{
    private static TestHost _host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => _host = await TestHost.StartAsync("--Runbook:FailedSignInsPerMinute=1000");

    [ClassCleanup]
    public static async Task StopAsync() => await _host.DisposeAsync();

    /// <summary>Every endpoint with the least role it needs; bodies are valid enough to pass auth.</summary>
    public static IEnumerable<object[]> Endpoints =>
    [
        ["GET", "/api/activities", null!, "viewer"],
        ["GET", "/api/workflows", null!, "viewer"],
        ["GET", "/api/workflows/quick", null!, "viewer"],
        ["GET", "/api/workflows/quick/versions", null!, "viewer"],
        ["GET", "/api/workflows/quick/versions/1", null!, "viewer"],
        ["PUT", "/api/workflows/quick", TestWorkflows.Quick, "admin"],
        ["POST", "/api/workflows/quick/publish", null!, "admin"],
        ["POST", "/api/workflows/validate", TestWorkflows.Quick, "viewer"],
        ["POST", "/api/runs", """{"definitionId":"quick"}""", "operator"],
        ["GET", "/api/runs", null!, "viewer"],
        ["GET", "/api/approvals?status=pending", null!, "viewer"],
        ["GET", "/api/me", null!, "viewer"],
    ];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["viewer"] = ["viewer", "olivia", "amir", "ada"],
        ["operator"] = ["olivia", "ada"],
        ["admin"] = ["ada"],
    };

    [TestMethod]
    [DynamicData(nameof(Endpoints))]
    public async Task Endpoint_EachRole_AllowedOr403AndAnonymous401(string method, string path, string? body, string role)
    {
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync(null, method, path, body)).StatusCode, "anonymous");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync("not-a-key-at-all", method, path, body)).StatusCode, "bad key");
        foreach (string user in new[] { "viewer", "olivia", "amir", "ada" })
        {
            var response = await SendAsync(user, method, path, body);
            if (Allowed[role].Contains(user))
            {
                Assert.IsTrue(response.IsSuccessStatusCode, $"{user} on {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode, $"{user} on {method} {path}");
            }
        }
    }

    [TestMethod]
    public async Task Health_Anonymous_IsOk()
    {
        var response = await _host.Client(null).GetAsync("/health");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "Healthy");
    }

    [TestMethod]
    public async Task OpenApi_Document_IsServed()
    {
        var response = await _host.Client(null).GetAsync("/openapi/v1.json");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "/api/runs");
    }

    private static async Task<HttpResponseMessage> SendAsync(string? user, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _host.Client(user).SendAsync(request);
    }
}
