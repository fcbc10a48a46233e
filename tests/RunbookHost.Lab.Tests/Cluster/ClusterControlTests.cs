using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.State;
using RunbookHost.Lab.Tests.Setup;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Cluster;

[TestClass]
public sealed class ClusterControlTests
{
    [TestMethod]
    public async Task AddDependency_DependentResourceOnline_FailsWithSystemError5019()
    {
        using var lab = TestLab.Create();
        await lab.Run(lab.Cluster.RemoveDependencyAsync(TestLab.Primary, "SG1/DB1 (MBX-1)", "Disk F:", lab.Log, default));

        var error = await lab.Fails(lab.Cluster.AddDependencyAsync(TestLab.Primary, "SG1/DB1 (MBX-1)", "Disk F:", lab.Log, default));

        StringAssert.Contains(error.Message, "5019");
        Assert.AreEqual(5019, error.Command!.ExitCode);
        StringAssert.Contains(error.Command.OutputExcerpt, "System error 5019 has occurred (0x0000139b).");
        StringAssert.Contains(error.Command.OutputExcerpt, "The operation could not be completed because the cluster resource is online.");
        Assert.AreEqual("cluster /cluster:CLUSTER-PRI res \"SG1/DB1 (MBX-1)\" /adddep:\"Disk F:\"", error.Command.CommandLine);
    }

    [TestMethod]
    public async Task AddDependency_ResourcesInDifferentGroups_FailsParameterIncorrect()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.Activate(lab);

        var error = await lab.Fails(lab.Cluster.AddDependencyAsync(TestLab.Standby, "SG1/DB1 (MBX-1)", "Disk F:", lab.Log, default));

        StringAssert.Contains(error.Command!.OutputExcerpt, "System error 87");
        StringAssert.Contains(error.Message, "same group");
    }

    [TestMethod]
    public async Task TakeGroupOffline_CmsGroup_TakesResourcesOfflineInReverseDependencyOrder()
    {
        using var lab = TestLab.Create();

        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TestLab.Wait, lab.Log, default));

        var order = lab.Log.Last.OutputExcerpt.Split('\n').Where(l => l.Contains("-->Offline", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("TransitionToState(", StringComparison.Ordinal) + 18)..l.IndexOf(") Online", StringComparison.Ordinal)]).ToList();
        int Index(string name) => order.IndexOf(name);
        Assert.AreEqual(10, order.Count, string.Join(", ", order));
        Assert.IsLessThan(Index("Exchange Information Store Instance (MBX-1)"), Index("SG1/DB1 (MBX-1)"));
        Assert.IsLessThan(Index("Exchange System Attendant Instance (MBX-1)"), Index("Exchange Information Store Instance (MBX-1)"));
        Assert.IsLessThan(Index("Network Name (MBX-1)"), Index("Exchange System Attendant Instance (MBX-1)"));
        Assert.IsLessThan(Index("IPv4 Address 1 (MBX-1)"), Index("Network Name (MBX-1)"));
        Assert.IsLessThan(Index("Disk F:"), Index("SG1/DB1 (MBX-1)"));
        Assert.IsTrue(lab.State(s => s.Databases.All(d => d.Header == Exchange.Inspection.DatabaseShutdownState.CleanShutdown)), "a clean dismount");
    }

    [TestMethod]
    public async Task BringGroupOnline_InstancesWithoutDiskDependencies_GroupPartiallyOnlineAndMountFails()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.Activate(lab);
        foreach (string disk in new[] { "Disk F:", "Disk L:", "Disk G:", "Disk M:" })
        {
            await lab.Run(lab.Cluster.MoveResourceAsync(TestLab.Standby, disk, TestLab.Cms, lab.Log, default));
        }

        await lab.Run(lab.Cluster.BringGroupOnlineAsync(TestLab.Standby, TestLab.Cms, TestLab.Wait, lab.Log, default));

        var groups = await lab.Run(lab.Cluster.GetGroupsAsync(TestLab.Standby, lab.Log, default));
        Assert.AreEqual(ClusterState.PartiallyOnline, groups.Single(g => g.Name == TestLab.Cms).State);
        var instance = lab.Resource(TestLab.Standby, "SG1/DB1 (MBX-1)");
        Assert.AreEqual(ClusterState.Failed, instance.State);
        StringAssert.Contains(instance.FailureReason, "Dependency missing");
        Assert.AreEqual(ClusterState.Online, lab.Resource(TestLab.Standby, "Disk F:").State);
    }

    [TestMethod]
    public async Task GetGroups_SiteIsolated_FailsRpcServerUnavailable()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });

        var error = await lab.Fails(lab.Cluster.GetGroupsAsync(TestLab.Primary, lab.Log, default));

        StringAssert.Contains(error.Message, "The RPC server is unavailable");
        Assert.AreEqual(1722, error.Command!.ExitCode);
        Assert.IsFalse((await lab.Run(lab.Probe.ProbeAsync(TestLab.Cms, default))).Answers, "the isolated CMS does not answer");
    }

    [TestMethod]
    public async Task ClearLocalCms_OffTheOwnerNode_Fails()
    {
        using var lab = TestLab.Create();
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TestLab.Wait, lab.Log, default));

        var result = await lab.Run(lab.Setup.RunAsync("NodeB", SetupCommand.ClearLocalCms(), lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Summary, "owned by 'NodeA'");
    }

    [TestMethod]
    public async Task ClearLocalCms_GroupOnline_Fails()
    {
        using var lab = TestLab.Create();

        var result = await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.ClearLocalCms(), lab.Log, default));

        StringAssert.Contains(result.Summary, "must be offline");
        Assert.IsNotNull(lab.State(s => s.CmsGroup(s.Sites[0])));
    }

    [TestMethod]
    public async Task ClearLocalCms_OnTheOwnerWhileIsolatedAtTheConsole_RemovesCmsAndKeepsDisksInRenamedGroup()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.PrepareStandby(lab);
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary", ["consoleAccess"] = "true" });

        var result = await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.ClearLocalCms(), lab.Log, default));

        Assert.IsTrue(result.Succeeded, result.Summary);
        var site = lab.State(s => s.Sites[0]);
        Assert.IsNull(site.Group(TestLab.Cms));
        Assert.IsFalse(site.Resources.Any(r => r.Type != ResourceTypes.PhysicalDisk && r.Name.Contains("MBX-1", StringComparison.Ordinal)));
        Assert.IsTrue(site.Resources.Where(r => r.Type == ResourceTypes.PhysicalDisk).All(d => d.Group == "MBX-1 (cleared)" && d.Dependencies.Count == 0));
        Assert.IsFalse(lab.State(s => s.Directory.ComputerAccountEnabled), "Windows 2008 disables the CMS computer object");
        Assert.HasCount(2, lab.State(s => s.Directory.StorageGroups), "AD keeps the CMS");
    }

    [TestMethod]
    public async Task UpgradeCms_ClusterWhoseDisksAreReadOnly_FailsAndKeepsWatermark()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.PrepareStandby(lab);
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.Upgrade(), lab.Log, default))).Succeeded);

        var result = await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.UpgradeCms(), lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Summary, "The device is not ready");
        Assert.AreEqual("UpgradeClusteredMailboxServerResources", lab.State(s => s.Node("NodeA")!.SetupWatermark));
    }

    [TestMethod]
    public async Task UpgradeCms_AfterUpgradingTheOwnerWithTheCmsOffline_RaisesCmsVersion()
    {
        using var lab = TestLab.Create();
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(5), lab.Log, default));
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.Upgrade(), lab.Log, default))).Succeeded);

        var result = await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.UpgradeCms(), lab.Log, default));

        Assert.IsTrue(result.Succeeded, result.Summary);
        Assert.AreEqual("8.2.176.2", lab.State(s => s.Directory.CmsVersion));
    }
}
