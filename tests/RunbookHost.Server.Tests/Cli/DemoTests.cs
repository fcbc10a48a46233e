using RunbookHost.Server.Cli;

namespace RunbookHost.Server.Tests.Cli;

[TestClass]
public sealed class DemoTests
{
    [TestMethod]
    public async Task Demo_ActivationClearAndFailback_AllCompleteWithVerifiedJournalsAndFourEyes()
    {
        var output = new StringWriter();

        int exit = await RunbookCli.Build(output).Parse(["demo", "--speed", "2000"]).InvokeAsync();

        string text = output.ToString();
        Assert.AreEqual(0, exit, text);
        StringAssert.Contains(text, "Demo completed");
        StringAssert.Contains(text, "setup.com /recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.2.0.50");
        StringAssert.Contains(text, "setup.com /clearLocalCMS");
        StringAssert.Contains(text, "lab, by hand: The computer account of MBX-1 is enabled again", "the admin did what clear-local-cms's last manual step asks");
        StringAssert.Contains(text, "setup.com /recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.1.0.50");
        StringAssert.Contains(text, "- activation v1: Completed, started by olivia");
        StringAssert.Contains(text, "- clear-local-cms v1: Completed");
        StringAssert.Contains(text, "- failback v1: Completed");
        StringAssert.Contains(text, "approved by amir");
        Assert.IsFalse(text.Contains("approved by olivia", StringComparison.Ordinal) || text.Contains("done by olivia", StringComparison.Ordinal), "the starter decided a gate");
        Assert.AreEqual(3, text.Split("journal verified").Length - 1);
    }

    [TestMethod]
    public async Task Demo_DeploymentSettingsInTheEnvironment_RunsOnItsOwnUsersAndDatabase()
    {
        // A deployment's own settings: its users (so no demo users) and PostgreSQL.
        var deployment = new Dictionary<string, string>
        {
            ["Runbook__Users__0__Name"] = "olga",
            ["Runbook__Users__0__ApiKey"] = "deployment-key-0123456789abcdef",
            ["Runbook__Users__0__Roles__0"] = "operator",
            ["Runbook__Database__Provider"] = "PostgreSql",
        };
        var output = new StringWriter();
        int exit;
        try
        {
            foreach (var (name, value) in deployment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            exit = await RunbookCli.Build(output).Parse(["demo", "--speed", "2000"]).InvokeAsync();
        }
        finally
        {
            foreach (string name in deployment.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        string text = output.ToString();
        Assert.AreEqual(0, exit, text);
        StringAssert.Contains(text, "Demo completed");
        StringAssert.Contains(text, "approved by amir");
    }
}
