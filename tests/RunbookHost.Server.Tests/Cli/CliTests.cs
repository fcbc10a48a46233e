using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Server.Cli;
using RunbookHost.Server.Hosting;
using RunbookHost.Server.Tests.Support;

namespace RunbookHost.Server.Tests.Cli;

/// <summary>The CLI verbs against a real host listening on loopback.</summary>
[TestClass]
public sealed class CliTests
{
    private static WebApplication _app = null!;
    private static string _url = null!;
    private static string _folder = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        _folder = Path.Combine(Path.GetTempPath(), "runbookhost-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "workflows", "gate.json"), TestWorkflows.Gate);
        _app = RunbookHostApp.Build([
            "--urls=http://127.0.0.1:0",
            $"--Runbook:Database:ConnectionString=Data Source={Path.Combine(_folder, "runbook.db")}",
            $"--Runbook:WorkflowsPath={Path.Combine(_folder, "workflows")}",
            $"--Runbook:Lab:StateFile={Path.Combine(_folder, "lab-state.json")}",
            "--Runbook:Engine:PollInterval=00:00:00.050",
            "--Runbook:Users:0:Name=olivia", $"--Runbook:Users:0:ApiKey={TestHost.Keys["olivia"]}", "--Runbook:Users:0:Roles:0=operator",
            "--Runbook:Users:1:Name=amir", $"--Runbook:Users:1:ApiKey={TestHost.Keys["amir"]}", "--Runbook:Users:1:Roles:0=approver",
        ]);
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Exit, string Output)> CliAsync(string user, params string[] args)
    {
        var output = new StringWriter();
        int exit = await RunbookCli.Build(output).Parse([.. args, "--url", _url, "--key", TestHost.Keys[user]]).InvokeAsync();
        return (exit, output.ToString());
    }

    [TestMethod]
    public async Task Verb_HostAcceptsButNeverAnswers_SaysSoAfterTheTimeout()
    {
        // A listener that takes the connection and says nothing, as a hung host or a stuck proxy would.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptSocketAsync();
        var output = new StringWriter();
        var errors = new StringWriter();
        string url = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}";

        int exit = await RunbookCli.Build(output, errors).Parse(["runs", "list", "--url", url, "--key", TestHost.Keys["olivia"], "--timeout", "1"]).InvokeAsync();

        Assert.AreEqual(1, exit);
        Assert.AreEqual($"{url}/ did not answer within 1 s (--timeout sets how long to wait).", errors.ToString().Trim());
        Assert.AreEqual(string.Empty, output.ToString());
        (await accepted).Dispose();
    }

    [TestMethod]
    public async Task Verb_TimeoutNotPositive_RefusedBeforeCallingTheHost()
    {
        var errors = new StringWriter();

        int exit = await RunbookCli.Build(new StringWriter(), errors).Parse(["runs", "list", "--url", _url, "--key", TestHost.Keys["olivia"], "--timeout", "0"]).InvokeAsync();

        Assert.AreEqual(2, exit);
        Assert.AreEqual("--timeout must be a positive number of seconds, not 0.", errors.ToString().Trim());
    }

    [TestMethod]
    public async Task Verbs_StartApproveShowReport_DriveARunToCompletion()
    {
        var (startExit, started) = await CliAsync("olivia", "runs", "start", "gate", "--input", "site=standby");
        Assert.AreEqual(0, startExit, started);
        string runId = started.Split(' ', StringSplitOptions.TrimEntries)[2].TrimEnd('.');

        string approvalId = await WaitForGateAsync("olivia", runId);
        var (approveExit, approved) = await CliAsync("amir", "approve", approvalId, "-m", "primary confirmed down");
        Assert.AreEqual(0, approveExit, approved);
        StringAssert.Contains(approved, "approved by amir");

        string stepId = await WaitForGateAsync("olivia", runId);
        Assert.AreEqual(0, (await CliAsync("olivia", "approve", stepId)).Exit);
        string shown = string.Empty;
        for (int i = 0; i < 200 && !shown.Contains("Completed", StringComparison.Ordinal); i++)
        {
            shown = (await CliAsync("olivia", "runs", "show", runId)).Output;
            await Task.Delay(25);
        }

        StringAssert.Contains(shown, "Completed");
        var (listExit, list) = await CliAsync("olivia", "runs", "list", "--status", "Completed");
        Assert.AreEqual(0, listExit);
        StringAssert.Contains(list, runId);
        var (reportExit, report) = await CliAsync("olivia", "report", runId, "--format", "csv");
        Assert.AreEqual(0, reportExit);
        StringAssert.Contains(report, "primary confirmed down");
    }

    [TestMethod]
    public async Task Reject_AnApproval_SaysRejectedBy()
    {
        var (_, started) = await CliAsync("olivia", "runs", "start", "gate", "--input", "site=standby");
        string runId = started.Split(' ', StringSplitOptions.TrimEntries)[2].TrimEnd('.');
        string approvalId = await WaitForGateAsync("olivia", runId);

        var (exit, rejected) = await CliAsync("amir", "reject", approvalId, "-m", "not tonight");

        Assert.AreEqual(0, exit, rejected);
        StringAssert.StartsWith(rejected, "rejected by amir at ");
    }

    [TestMethod]
    public async Task Verbs_ErrorsFromTheHost_AreShownAndExitNonZero()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exit, badKeyExit;
        try
        {
            (exit, _) = await CliAsync("olivia", "approve", "no-such-approval");
            (badKeyExit, _) = await CliAsync("amir", "runs", "start", "gate");
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error.ToString(), "404");
        Assert.AreEqual(1, badKeyExit, "an approver may not start runs");
        StringAssert.Contains(error.ToString(), "403 Forbidden: amir (approver, viewer) may not do this: it needs the 'operator' role.");
    }

    [TestMethod]
    [DataRow("--url", "http://dr-host:5080", "approvals", "list")]
    [DataRow("--key", "some-key", "runs", "show", "abc")]
    [DataRow("--url=http://dr-host:5080", "--timeout", "5", "approve", "abc")]
    [DataRow("--key:some-key", "report", "abc")]
    [DataRow("--url", "http://dr-host:5080")]
    [DataRow("--version")]
    public void Handles_CliOptionsBeforeTheVerb_GoesToTheCliNotAHost(params string[] args) =>
        Assert.IsTrue(RunbookCli.Handles(args), "--url, --key and --timeout are the CLI's: they must not start a host");

    [TestMethod]
    [DataRow("--urls", "http://127.0.0.1:5080")]
    [DataRow("serve", "--urls", "http://127.0.0.1:5080")]
    [DataRow("--Runbook:Engine:HostId", "runs")]
    public void Handles_HostArguments_StartTheHost(params string[] args) =>
        Assert.IsFalse(RunbookCli.Handles(args));

    [TestMethod]
    public async Task Help_ApiKeyInTheEnvironment_IsNotPrinted()
    {
        const string Secret = "env-key-help-must-not-show";
        var help = new StringWriter();
        int exit = await WithApiKeyInEnvironmentAsync(Secret, () =>
            RunbookCli.Build(new StringWriter(), new StringWriter()).Parse(["runs", "start", "--help"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = help }));

        Assert.AreEqual(0, exit);
        StringAssert.Contains(help.ToString(), "RUNBOOK_API_KEY");
        Assert.IsFalse(help.ToString().Contains(Secret, StringComparison.Ordinal), help.ToString());
    }

    [TestMethod]
    public async Task Verb_NoKeyOption_UsesTheApiKeyInTheEnvironment()
    {
        var output = new StringWriter();
        int exit = await WithApiKeyInEnvironmentAsync(TestHost.Keys["olivia"], () =>
            RunbookCli.Build(output, new StringWriter()).Parse(["runs", "list", "--url", _url]).InvokeAsync());

        Assert.AreEqual(0, exit, output.ToString());
        StringAssert.Contains(output.ToString(), "run(s).");
    }

    private static async Task<int> WithApiKeyInEnvironmentAsync(string key, Func<Task<int>> call)
    {
        string? before = Environment.GetEnvironmentVariable("RUNBOOK_API_KEY");
        Environment.SetEnvironmentVariable("RUNBOOK_API_KEY", key);
        try
        {
            return await call();
        }
        finally
        {
            Environment.SetEnvironmentVariable("RUNBOOK_API_KEY", before);
        }
    }

    private static async Task<string> WaitForGateAsync(string user, string runId)
    {
        for (int i = 0; i < 200; i++)
        {
            var (_, output) = await CliAsync(user, "approvals", "list");
            var line = output.Split('\n').FirstOrDefault(l => l.Contains(runId, StringComparison.Ordinal));
            if (line is not null)
            {
                return line.Split(' ', 2)[0];
            }

            await Task.Delay(25);
        }

        Assert.Fail("No gate appeared.");
        return string.Empty;
    }
}
