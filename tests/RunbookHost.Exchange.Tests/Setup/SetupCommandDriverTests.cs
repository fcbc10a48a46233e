using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Setup;

[TestClass]
public sealed class SetupCommandDriverTests : IDisposable
{
    private readonly Shims shims = new();

    public TestContext TestContext { get; set; } = null!;

    public void Dispose() => shims.Dispose();

    [TestMethod]
    [DataRow("/mode:install /roles:mailbox")]
    [DataRow("/recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.2.0.50,10.2.0.51")]
    [DataRow("/clearLocalCMS")]
    [DataRow("/mode:upgrade")]
    [DataRow("/upgradeCMS")]
    public void Render_EachSetupCommand_IsSetupComWithTheDocumentedArguments(string arguments)
    {
        var options = new CommandDriverOptions();
        options.Executables.SetupPerNode["NodeD"] = @"E:\Media\setup.com";
        var driver = new SetupCommandDriver(new Drivers(new FakeTransport(), options).Runner);

        Assert.AreEqual($@"D:\Exchange\setup.com {arguments}", driver.Render("NodeC", new SetupCommand(arguments)).Display);
        Assert.AreEqual($@"E:\Media\setup.com {arguments}", driver.Render("NodeD", new SetupCommand(arguments)).Display);
    }

    [TestMethod]
    public void LogCommand_Default_TypesTheSystemDriveSetupLog()
    {
        var driver = new SetupCommandDriver(new Drivers(new FakeTransport()).Runner);

        Assert.AreEqual("cmd.exe /c type \"%SystemDrive%\\ExchangeSetupLogs\\ExchangeSetup.log\"", driver.LogCommand("NodeC").Display);
    }

    [TestMethod]
    public async Task RunAsync_ShimSucceedsInLogButExitsNonZero_Succeeds()
    {
        var (driver, _, log) = Shimmed(appendOnRun: "success.log", exitCode: 1);

        var result = await driver.RunAsync("NodeC", SetupCommand.RecoverCms("MBX-1", ["10.2.0.50"]), log, TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Errors));
        CollectionAssert.AreEqual(
            new[]
            {
                "cmd.exe /c type \"%SystemDrive%\\ExchangeSetupLogs\\ExchangeSetup.log\"",
                @"D:\Exchange\setup.com /recoverCMS /cmsName:MBX-1 /cmsIPV4Addresses:10.2.0.50",
                "cmd.exe /c type \"%SystemDrive%\\ExchangeSetupLogs\\ExchangeSetup.log\"",
            },
            log.CommandLines.ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShimFailsInLogButExitsZero_FailsWithTheLogsError()
    {
        var (driver, _, log) = Shimmed(appendOnRun: "failed-error.log", exitCode: 0, existing: "success.log");

        var result = await driver.RunAsync("NodeC", SetupCommand.RecoverCms("MBX-1", ["10.2.0.50"]), log, TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Summary, "has not replicated to the desired domain controller");
    }

    [TestMethod]
    public async Task RunAsync_SetupWritesNoNewRun_FailsInsteadOfReusingTheOldSuccess()
    {
        var (driver, calls, log) = Shimmed(appendOnRun: null, exitCode: 0, existing: "success.log");

        var result = await driver.RunAsync("NodeC", SetupCommand.ClearLocalCms(), log, TestContext.CancellationToken);

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Errors.Single(), "added no run to ExchangeSetup.log");
        CollectionAssert.AreEqual(new[] { "/clearLocalCMS" }, calls.Calls("setup").Single().ToArray());
    }

    private (SetupCommandDriver Driver, Shims Shims, RecordingCommandLog Log) Shimmed(string? appendOnRun, int exitCode, string? existing = null)
    {
        string logFile = Path.Combine(shims.Directory, "ExchangeSetup.log");
        if (existing is not null)
        {
            File.WriteAllText(logFile, Samples.Read("Setup/" + existing));
        }

        string append = appendOnRun is null ? string.Empty : $"cat '{Samples.PathOf("Setup/" + appendOnRun)}' >> '{logFile}'";
        var options = new CommandDriverOptions();
        options.ExecutableMap[@"D:\Exchange\setup.com"] = shims.Write("setup", $"{append}\necho 'Setup finished.'\nexit {exitCode}");
        options.ExecutableMap["cmd.exe"] = shims.Write("cmd", $"[ -f '{logFile}' ] || {{ echo 'The system cannot find the file specified.' >&2; exit 1; }}\ncat '{logFile}'");
        var drivers = new Drivers(new LocalProcessTransport(), options);
        return (new SetupCommandDriver(drivers.Runner), shims, drivers.Log);
    }
}
