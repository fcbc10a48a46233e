using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Api;

[TestClass]
public sealed class SignInTests
{
    [TestMethod]
    public async Task SignIn_TooManyBadKeys_AreRefusedWith429EvenForAGoodKey()
    {
        await using var host = await TestHost.StartAsync("--Runbook:FailedSignInsPerMinute=3");
        for (int i = 0; i < 3; i++)
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await host.Client($"guess-{i}").GetAsync("/api/workflows")).StatusCode);
        }

        var blocked = await host.Client("guess-4").GetAsync("/api/workflows");
        var good = await host.Client("olivia").GetAsync("/api/workflows");

        Assert.AreEqual(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.IsNotNull(blocked.Headers.RetryAfter);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, good.StatusCode, "the address is blocked for the rest of the minute");
        Assert.AreEqual(HttpStatusCode.OK, (await host.Client(null).GetAsync("/health")).StatusCode);
    }

    [TestMethod]
    public async Task Me_SignedIn_NamesUserAndRoles()
    {
        await using var host = await TestHost.StartAsync();
        var me = await host.Client("ada").GetFromJsonAsync<JsonNode>("/api/me");
        Assert.AreEqual("ada", me!["name"]!.ToString());
        CollectionAssert.AreEquivalent(new[] { "admin", "operator", "viewer" }, me["roles"]!.AsArray().Select(r => r!.ToString()).ToArray());
    }

    [TestMethod]
    public void Start_NoUsersOnNonLoopback_IsRefusedNamingTheSetting()
    {
        var error = Assert.ThrowsExactly<Microsoft.Extensions.Options.OptionsValidationException>(() =>
        {
            var app = RunbookHost.Server.Hosting.RunbookHostApp.Build(["--urls=http://0.0.0.0:5999", "--Runbook:Database:ConnectionString=Data Source=:memory:"]);
            app.StartAsync().GetAwaiter().GetResult();
        });
        StringAssert.Contains(error.Message, "Runbook:Users");
    }

    [TestMethod]
    public void Start_BadUserSettings_NameEachBadSetting()
    {
        var error = Assert.ThrowsExactly<Microsoft.Extensions.Options.OptionsValidationException>(() =>
        {
            var app = RunbookHost.Server.Hosting.RunbookHostApp.Build([
                "--Runbook:Database:ConnectionString=Data Source=:memory:",
                "--Runbook:Drivers=Magic",
                "--Runbook:Users:0:Name=eve", "--Runbook:Users:0:ApiKey=short", "--Runbook:Users:0:Roles:0=superuser"]);
            app.StartAsync().GetAwaiter().GetResult();
        });
        StringAssert.Contains(error.Message, "Runbook:Drivers is 'Magic'");
        StringAssert.Contains(error.Message, "Runbook:Users:0:ApiKey is too short");
        StringAssert.Contains(error.Message, "'superuser' is not a role");
    }
}
