using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Inspection;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Tests.Setup;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Faults;

[TestClass]
public sealed class FaultInjectionTests
{
    [TestMethod]
    public void FaultCatalog_Always_DescribesEveryFaultWithParameters()
    {
        using var lab = TestLab.Create();

        var catalog = lab.Lab.FaultCatalog;

        var names = typeof(LabFaults).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        CollectionAssert.AreEquivalent(names, catalog.Select(d => d.Name).ToList());
        Assert.IsTrue(catalog.All(d => d.Description.Length > 20 && d.FailureMode.Length > 0));
    }

    [TestMethod]
    public void InjectFault_UnknownName_ThrowsNamingTheKnownFaults()
    {
        using var lab = TestLab.Create();

        var error = Assert.ThrowsExactly<LabFaultException>(() => lab.Lab.InjectFault("CosmicRay"));

        StringAssert.Contains(error.Message, LabFaults.SiteIsolated);
    }

    [TestMethod]
    [DataRow(LabFaults.PrimaryCmsStillOnline, "site", "atlantis", "there is no site 'atlantis'")]
    [DataRow(LabFaults.ClusterNameObjectLacksRights, "cluster", "CLUSTER-X", "there is no cluster 'CLUSTER-X'")]
    [DataRow(LabFaults.SetupFails, "node", "NodeZ", "there is no node 'NodeZ'")]
    [DataRow(LabFaults.DnsServerStale, "server", "10.9.9.9", "there is no server '10.9.9.9'")]
    [DataRow(LabFaults.SiteIsolated, "colour", "red", "has no parameter 'colour'")]
    [DataRow(LabFaults.SiteIsolated, "consoleAccess", "maybe", "'consoleAccess' must be true or false, not 'maybe'")]
    [DataRow(LabFaults.ReplicationLagging, "lagSeconds", "soon", "'lagSeconds' must be a number, not 'soon'")]
    [DataRow(LabFaults.ReplicationSuspended, "tracks", "many", "'tracks' must be a number, not 'many'")]
    [DataRow(LabFaults.CmsNameAnswersElsewhere, "what", "both", "'what' must be name or address, not 'both'")]
    [DataRow(LabFaults.SetupFails, "command", "moveto", "'command' must be recoverCMS, clearLocalCMS, upgradeCMS, install, upgrade or *, not 'moveto'")]
    [DataRow(LabFaults.ExchangeVersionMismatch, "version", "SP2", "'version' must be an Exchange build of four numbers such as 8.1.240.6, not 'SP2'")]
    [DataRow(LabFaults.ExchangeVersionMismatch, "version", "8.1", "'version' must be an Exchange build of four numbers such as 8.1.240.6, not '8.1'")]
    public void InjectFault_ParameterNamingNothingInTheLab_RefusedAndNothingChanges(string fault, string parameter, string value, string message)
    {
        using var lab = TestLab.Create();
        long revision = lab.Lab.Snapshot().Revision;

        var error = Assert.ThrowsExactly<LabFaultException>(() => lab.Lab.InjectFault(fault, new Dictionary<string, string> { [parameter] = value }));

        StringAssert.Contains(error.Message, message);
        Assert.AreEqual(parameter, error.Parameter, "the error names the parameter");
        Assert.AreEqual(revision, lab.Lab.Snapshot().Revision);
        Assert.IsEmpty(lab.Lab.Snapshot().Faults);
    }

    [TestMethod]
    public void ClearFault_SiteIsolatedInjectedTwiceWithConsoleAccessChanged_SiteReconnected()
    {
        using var lab = TestLab.Create();

        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary" });
        lab.Lab.InjectFault(LabFaults.SiteIsolated, new Dictionary<string, string> { ["site"] = "primary", ["consoleAccess"] = "true" });
        var snapshot = lab.Lab.SetFault(new LabFaultRequest(LabFaults.SiteIsolated, Enabled: false));

        Assert.IsEmpty(snapshot.Faults);
        var nodes = snapshot.Sites.Single(s => s.Name == "primary").Nodes;
        Assert.IsTrue(nodes.All(n => n.Reachable && !n.Isolated), string.Join(", ", nodes.Select(n => $"{n.Name} reachable={n.Reachable} isolated={n.Isolated}")));
    }

    [TestMethod]
    public async Task InjectThenClear_PassiveRoleMissing_NodeLosesThenRegainsTheRole()
    {
        using var lab = TestLab.Create();

        lab.Lab.SetFault(new LabFaultRequest(LabFaults.PassiveRoleMissing, new Dictionary<string, string> { ["node"] = "NodeC" }));
        var missing = await lab.Run(lab.Inspection.GetInstallationAsync("NodeC", lab.Log, default));
        var snapshot = lab.Lab.SetFault(new LabFaultRequest(LabFaults.PassiveRoleMissing, Enabled: false));
        var restored = await lab.Run(lab.Inspection.GetInstallationAsync("NodeC", lab.Log, default));

        Assert.IsFalse(missing.PassiveClusteredMailbox);
        Assert.IsNull(missing.Version);
        Assert.IsTrue(restored.PassiveClusteredMailbox);
        Assert.AreEqual("8.1.240.6", restored.Version);
        Assert.IsEmpty(snapshot.Faults);
    }

    [TestMethod]
    public async Task GetDatabaseHeader_DirtyShutdownMissingLogs_ReportsDirtyAndMountFailsWith543()
    {
        using var lab = TestLab.Create();
        await RecoverCmsTests.PrepareStandby(lab);
        lab.Lab.InjectFault(LabFaults.DirtyShutdownMissingLogs, new Dictionary<string, string> { ["database"] = "DB1" });

        var header = await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeC", @"F:\SG1\DB1.edb", lab.Log, default));
        var clean = await lab.Run(lab.Inspection.GetDatabaseHeaderAsync("NodeC", @"G:\SG2\DB2.edb", lab.Log, default));
        await BringCmsOnlineAtStandby(lab);

        Assert.AreEqual(DatabaseShutdownState.DirtyShutdown, header.State);
        Assert.IsNotNull(header.LogRequired);
        Assert.AreEqual(DatabaseShutdownState.CleanShutdown, clean.State);
        Assert.AreEqual("eseutil /mh \"G:\\SG2\\DB2.edb\"", lab.Log.Records.First(r => r.CommandLine.Contains("DB2", StringComparison.Ordinal)).CommandLine);
        var instance = lab.Resource(TestLab.Standby, "SG1/DB1 (MBX-1)");
        Assert.AreEqual(ClusterState.Failed, instance.State);
        StringAssert.Contains(instance.FailureReason, "-543");
        Assert.AreEqual(ClusterState.Online, lab.Resource(TestLab.Standby, "SG2/DB2 (MBX-1)").State);
    }

    [TestMethod]
    public async Task BringGroupOnline_LogPrefixMismatch_MountFailsWithLogSetMismatch()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.LogPrefixMismatch, new Dictionary<string, string> { ["storageGroup"] = "SG2", ["logPrefix"] = "E07" });

        await BringCmsOnlineAtStandby(lab);

        var configuration = await lab.Run(lab.Inspection.GetCmsConfigurationAsync(TestLab.Cms, lab.Log, default));
        Assert.AreEqual("E07", configuration!.StorageGroups.Single(g => g.Name == "SG2").LogPrefix);
        StringAssert.Contains(lab.Resource(TestLab.Standby, "SG2/DB2 (MBX-1)").FailureReason, "-539");
    }

    [TestMethod]
    public async Task PrimaryCmsStillOnline_AfterOfflineCommand_OldPrimaryBringsItBack()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.PrimaryCmsStillOnline);

        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(1), lab.Log, default));
        var groups = await lab.Run(lab.Cluster.GetGroupsAsync(TestLab.Primary, lab.Log, default));

        Assert.AreEqual(ClusterState.Online, groups.Single(g => g.Name == TestLab.Cms).State);
    }

    [TestMethod]
    public async Task RecoverCms_CmsAddressAnswersElsewhere_IpAddressFailsAsDuplicate()
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.CmsNameAnswersElsewhere, new Dictionary<string, string> { ["what"] = "address", ["address"] = "10.2.0.50" });
        await RecoverCmsTests.PrepareStandby(lab);

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Exchange.Setup.SetupCommand.RecoverCms(TestLab.Cms, ["10.2.0.50"]), lab.Log, default));

        StringAssert.Contains(result.Summary, "duplicate IP address '10.2.0.50'");
    }

    [TestMethod]
    [DataRow("upgradeCms")]
    [DataRow("/upgradeCMS")]
    [DataRow("*")]
    public async Task UpgradeCms_SetupFailsForTheCommandAsTyped_Fails(string command)
    {
        using var lab = TestLab.Create();
        lab.Lab.InjectFault(LabFaults.SetupFails, new Dictionary<string, string> { ["command"] = command, ["message"] = "injected" });

        var result = await lab.Run(lab.Setup.RunAsync("NodeA", Exchange.Setup.SetupCommand.UpgradeCms(), lab.Log, default));

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Summary, "injected");
    }

    [TestMethod]
    public async Task RecoverCms_CmsAddressAnswersElsewhereWithTheCatalogueDefaults_IpAddressFailsAsDuplicate()
    {
        using var lab = TestLab.Create();
        // What the designer's inject form posts: every parameter the catalogue gives a default, with what=address chosen.
        var parameters = lab.Lab.FaultCatalog.Single(f => f.Name == LabFaults.CmsNameAnswersElsewhere).Parameters
            .Where(p => p.DefaultValue is not null)
            .ToDictionary(p => p.Name, p => p.DefaultValue!);
        parameters["what"] = "address";
        lab.Lab.InjectFault(LabFaults.CmsNameAnswersElsewhere, parameters);
        await RecoverCmsTests.PrepareStandby(lab);

        var result = await lab.Run(lab.Setup.RunAsync("NodeC", Exchange.Setup.SetupCommand.RecoverCms(TestLab.Cms, ["10.2.0.50"]), lab.Log, default));

        StringAssert.Contains(result.Summary, "duplicate IP address '10.2.0.50'");
    }

    internal static async Task BringCmsOnlineAtStandby(TestLab lab)
    {
        await RecoverCmsTests.Activate(lab);
        foreach (var disk in lab.Topology.Disks)
        {
            await lab.Run(lab.Cluster.MoveResourceAsync(TestLab.Standby, disk.Name, TestLab.Cms, lab.Log, default));
        }

        foreach (var (instance, disks) in new[] { ("SG1/DB1 (MBX-1)", new[] { "Disk F:", "Disk L:" }), ("SG2/DB2 (MBX-1)", new[] { "Disk G:", "Disk M:" }) })
        {
            foreach (string disk in disks)
            {
                await lab.Run(lab.Cluster.AddDependencyAsync(TestLab.Standby, instance, disk, lab.Log, default));
            }
        }

        await lab.Run(lab.Cluster.BringGroupOnlineAsync(TestLab.Standby, TestLab.Cms, TimeSpan.FromMinutes(30), lab.Log, default));
    }
}
