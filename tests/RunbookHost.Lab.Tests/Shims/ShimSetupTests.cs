using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;

namespace RunbookHost.Lab.Tests.Shims;

/// <summary>setup.com and the setup log read through the shim, judged by the REAL setup driver.</summary>
[TestClass]
public sealed class ShimSetupTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RecoverCms_ComputerAccountNotReplicated_FailsWithTheLogsErrorLineAndLeavesAWatermark()
    {
        using var lab = ShimLab.Create();
        var ct = TestContext.CancellationToken;
        await lab.LabCluster.TakeGroupOfflineAsync(ShimLab.Primary, ShimLab.Cms, TimeSpan.FromMinutes(5), lab.Log, ct);
        await lab.LabStorage.FailoverAsync(ShimLab.Group, "standby", lab.Log, ct);
        lab.Lab.InjectFault(LabFaults.ComputerAccountNotReplicated);

        var result = await lab.Setup.RunAsync("NodeC", SetupCommand.RecoverCms(ShimLab.Cms, ["10.2.0.50"]), lab.Log, ct);
        var installation = await lab.Inspection.GetInstallationAsync("NodeC", lab.Log, ct);

        Assert.IsFalse(result.Succeeded);
        StringAssert.StartsWith(result.Errors[0], "[ERROR] The computer account for 'MBX-1' has not replicated to the desired domain controller 'DC-STANDBY01.contoso.com' after waiting approximately 60 seconds.");
        StringAssert.Contains(result.LogExcerpt, "End of Setup");
        Assert.AreEqual("ClusteredMailboxServer: Action=RecoverCms Watermark=WaitForComputerAccountReplication", installation.SetupWatermark);
        Assert.AreEqual("NodeC: reg.exe query \"HKLM\\SOFTWARE\\Microsoft\\Exchange\\v8.0\" /s", $"{lab.Log.Last.Target}: {lab.Log.Last.CommandLine}");
    }

    [TestMethod]
    public async Task Upgrade_NodeThatOwnsTheOnlineCms_FailsWithTheLogsErrorLineAndExitCode1()
    {
        using var lab = ShimLab.Create();
        var ct = TestContext.CancellationToken;

        var result = await lab.Setup.RunAsync("NodeA", SetupCommand.Upgrade(), lab.Log, ct);
        var installation = await lab.Inspection.GetInstallationAsync("NodeA", lab.Log, ct);

        Assert.IsFalse(result.Succeeded);
        StringAssert.StartsWith(result.Errors[0], "[ERROR] Clustered mailbox server 'MBX-1' is online on this computer ('NodeA'), the active node of cluster 'CLUSTER-PRI'; setup does not upgrade the active node.");
        Assert.AreEqual(1, lab.Log.Records.Single(r => r.CommandLine.EndsWith("/mode:upgrade", StringComparison.Ordinal)).ExitCode);
        Assert.AreEqual("8.1.240.6", installation.Version);
    }

    [TestMethod]
    public async Task GetInstallation_NodeWithoutExchange_RegQueryFailsAsNotInstalled()
    {
        using var lab = ShimLab.Create();
        lab.Lab.InjectFault(LabFaults.PassiveRoleMissing, new Dictionary<string, string> { ["node"] = "NodeD" });

        var installation = await lab.Inspection.GetInstallationAsync("NodeD", lab.Log, TestContext.CancellationToken);

        Assert.IsFalse(installation.PassiveClusteredMailbox);
        Assert.IsNull(installation.Version);
        Assert.AreEqual(1, lab.Log.Last.ExitCode);
        StringAssert.Contains(lab.Log.Last.OutputExcerpt, "unable to find the specified registry key");
    }
}
