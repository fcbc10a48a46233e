using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Inspection;

[TestClass]
public sealed class InspectionCommandDriverTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Verbs_EachVerb_RendersTheExactCommandLine()
    {
        var transport = new FakeTransport((_, c) => FakeTransport.Ok(
            c.Display.Contains("Get-StorageGroup") ? Samples.Read("Ems/storage-groups.txt")
            : c.Display.Contains("Get-MailboxDatabase") ? Samples.Read("Ems/databases.txt")
            : c.Display.StartsWith("reg.exe") ? Samples.Read("Registry/passive-node.txt")
            : Samples.Read("Eseutil/dirty.txt")));
        var drivers = new Drivers(transport);
        var driver = new InspectionCommandDriver(drivers.Runner, drivers.Topology);
        var ct = TestContext.CancellationToken;

        var cms = await driver.GetCmsConfigurationAsync("MBX-1", drivers.Log, ct);
        var node = await driver.GetInstallationAsync("NodeC", drivers.Log, ct);
        var header = await driver.GetDatabaseHeaderAsync("NodeC", @"F:\SG1\DB1.edb", drivers.Log, ct);

        CollectionAssert.AreEqual(
            new[]
            {
                "powershell.exe -NoProfile -NonInteractive -Command \"Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; Get-StorageGroup -Server 'MBX-1' | Format-List Name,LogFilePrefix,LogFolderPath,SystemFolderPath | Out-String -Width 4096\"",
                "powershell.exe -NoProfile -NonInteractive -Command \"Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; Get-MailboxDatabase -Server 'MBX-1' | Format-List Name,StorageGroupName,EdbFilePath | Out-String -Width 4096\"",
                "reg.exe query \"HKLM\\SOFTWARE\\Microsoft\\Exchange\\v8.0\" /s",
                "\"C:\\Program Files\\Microsoft\\Exchange Server\\Bin\\eseutil.exe\" /mh \"F:\\SG1\\DB1.edb\"",
            },
            drivers.Log.CommandLines.ToArray());
        Assert.AreEqual("NodeA", transport.Runs[0].Host);
        Assert.HasCount(2, cms!.StorageGroups);
        Assert.IsTrue(node.PassiveClusteredMailbox);
        Assert.AreEqual(DatabaseShutdownState.DirtyShutdown, header.State);
    }

    [TestMethod]
    public async Task GetCmsConfigurationAsync_PrimarySiteNodesUnreachable_AsksTheNextNodeThatAnswers()
    {
        // Activation runs while the primary site is down: with no management host configured, the AD query
        // goes to the first node that answers, and the next query starts there.
        var transport = new FakeTransport((host, c) => host is "NodeA" or "NodeB"
            ? throw new CommandTransportException($"could not connect to {host}:22: No route to host")
            : FakeTransport.Ok(c.Display.Contains("Get-StorageGroup") ? Samples.Read("Ems/storage-groups.txt") : Samples.Read("Ems/databases.txt")));
        var drivers = new Drivers(transport);
        var driver = new InspectionCommandDriver(drivers.Runner, drivers.Topology);
        var ct = TestContext.CancellationToken;

        var cms = await driver.GetCmsConfigurationAsync("MBX-1", drivers.Log, ct);
        var again = await driver.GetCmsConfigurationAsync("MBX-1", drivers.Log, ct);

        Assert.HasCount(2, cms!.StorageGroups);
        Assert.HasCount(2, again!.StorageGroups);
        CollectionAssert.AreEqual(new[] { "NodeA", "NodeB", "NodeC", "NodeC", "NodeC", "NodeC" }, transport.Runs.Select(r => r.Host).ToArray());
        Assert.AreEqual(-1, drivers.Log.Records[0].ExitCode, "the unreachable attempts are in the journal");
        StringAssert.Contains(drivers.Log.Records[1].OutputExcerpt, "No route to host");
    }

    [TestMethod]
    public async Task GetCmsBuildAsync_ConfiguredManagementHostUnreachable_FailsWithoutTryingNodes()
    {
        var transport = new FakeTransport((host, _) => throw new CommandTransportException($"could not connect to {host}:22: Connection refused"));
        var drivers = new Drivers(transport, new CommandDriverOptions { ManagementHost = "EMS-1" });

        var error = await Assert.ThrowsExactlyAsync<PortException>(() => new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetCmsBuildAsync("MBX-1", drivers.Log, TestContext.CancellationToken));

        Assert.IsTrue(error.HostUnreachable);
        StringAssert.Contains(error.Message, "could not run on EMS-1");
        Assert.AreEqual("EMS-1", transport.Runs.Single().Host);
    }

    [TestMethod]
    public async Task GetCmsBuildAsync_FirstNodeAnswersWithAnError_IsTheAnswer()
    {
        // Only a node that cannot be reached gives way: a shell that ran and failed is not retried elsewhere.
        var transport = new FakeTransport((_, _) => FakeTransport.Fail(1, string.Empty, "Add-PSSnapin : The Windows PowerShell snap-in 'Microsoft.Exchange.Management.PowerShell.Admin' is not installed on this machine."));
        var drivers = new Drivers(transport);

        var error = await Assert.ThrowsExactlyAsync<PortException>(() => new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetCmsBuildAsync("MBX-1", drivers.Log, TestContext.CancellationToken));

        Assert.IsFalse(error.HostUnreachable);
        Assert.AreEqual("NodeA", transport.Runs.Single().Host);
    }

    [TestMethod]
    public async Task GetCmsConfigurationAsync_ServerNotInAd_ReturnsNull()
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Fail(1, string.Empty, "Get-StorageGroup : Server 'MBX-9' could not be found on domain controller 'DC1.contoso.com'."));
        var drivers = new Drivers(transport, new CommandDriverOptions { ManagementHost = "EMS-1" });

        var cms = await new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetCmsConfigurationAsync("MBX-9", drivers.Log, TestContext.CancellationToken);

        Assert.IsNull(cms);
        Assert.AreEqual("EMS-1", transport.Runs.Single().Host);
    }

    [TestMethod]
    public async Task GetCmsBuildAsync_AdminDisplayVersion_RunsGetExchangeServerAndReturnsTheBuild()
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Ok(Samples.Read("Ems/exchange-server.txt")));
        var drivers = new Drivers(transport);

        string? build = await new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetCmsBuildAsync("MBX-1", drivers.Log, TestContext.CancellationToken);

        Assert.AreEqual("8.1.240.6", build);
        Assert.AreEqual(
            "powershell.exe -NoProfile -NonInteractive -Command \"Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; Get-ExchangeServer -Identity 'MBX-1' | Format-List AdminDisplayVersion | Out-String -Width 4096\"",
            drivers.Log.CommandLines.Single());
        Assert.AreEqual("NodeA", transport.Runs.Single().Host);
    }

    [TestMethod]
    public async Task GetCmsBuildAsync_ServerNotInAd_ReturnsNull()
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Fail(1, string.Empty, "Get-ExchangeServer : The operation couldn't be performed because object 'MBX-9' couldn't be found on 'DC1.contoso.com'."));
        var drivers = new Drivers(transport);

        string? build = await new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetCmsBuildAsync("MBX-9", drivers.Log, TestContext.CancellationToken);

        Assert.IsNull(build);
    }

    [TestMethod]
    public async Task GetCmsBuildAsync_UnreadableVersion_ThrowsNamingTheValue()
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Ok("\r\nAdminDisplayVersion : Version 8.1\r\n"));
        var drivers = new Drivers(transport);

        var ex = await Assert.ThrowsAsync<PortException>(() => new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetCmsBuildAsync("MBX-1", drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "Get-ExchangeServer 'MBX-1' printed AdminDisplayVersion 'Version 8.1', which is no 'Version M.m (Build B.r)'.");
    }

    [TestMethod]
    public async Task GetInstallationAsync_KeyMissing_ReportsNothingInstalled()
    {
        var transport = new FakeTransport((_, _) => FakeTransport.Fail(1, string.Empty, "ERROR: The system was unable to find the specified registry key or value."));
        var drivers = new Drivers(transport);

        var node = await new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetInstallationAsync("NodeD", drivers.Log, TestContext.CancellationToken);

        Assert.IsNull(node.Version);
        Assert.IsEmpty(node.Roles);
    }

    [TestMethod]
    public async Task GetDatabaseHeaderAsync_ShimEseutilFails_ThrowsWithJetError()
    {
        using var shims = new Shims();
        var options = new CommandDriverOptions();
        options.ExecutableMap["eseutil.exe"] = shims.Write("eseutil", $"cat '{Samples.PathOf("Eseutil/missing.txt")}'\nexit 1");
        var drivers = new Drivers(new LocalProcessTransport(), options);

        var ex = await Assert.ThrowsAsync<PortException>(() => new InspectionCommandDriver(drivers.Runner, drivers.Topology).GetDatabaseHeaderAsync("NodeC", @"F:\SG1\DB9.edb", drivers.Log, TestContext.CancellationToken));

        StringAssert.Contains(ex.Message, "JET_errFileNotFound");
        CollectionAssert.AreEqual(new[] { "/mh", @"F:\SG1\DB9.edb" }, shims.Calls("eseutil").Single().ToArray());
    }
}
