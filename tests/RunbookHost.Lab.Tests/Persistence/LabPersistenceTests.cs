using Microsoft.Extensions.Time.Testing;
using RunbookHost.Lab.Faults;
using RunbookHost.Lab.Persistence;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Persistence;

[TestClass]
public sealed class LabPersistenceTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Reload_NewHostOnTheSameStateFile_StateAndFaultsSurvive()
    {
        string file = StateFile();
        var time = new FakeTimeProvider(new DateTimeOffset(2008, 8, 3, 16, 0, 0, TimeSpan.Zero));
        using (var first = TestLab.Create(stateFile: file, time: time))
        {
            await first.FlipStorageTo("standby");
            first.Lab.InjectFault(LabFaults.DnsServerStale);
        }

        using var second = TestLab.Create(stateFile: file, time: time);
        var snapshot = second.Lab.Snapshot();

        CollectionAssert.AreEqual(new[] { "standby" }, snapshot.Replication[0].ReadWriteSites.ToArray());
        Assert.AreEqual(LabFaults.DnsServerStale, snapshot.Faults.Single().Name);
        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"), "saved atomically through a temp file");
        Assert.IsFalse(File.Exists(file + ".lock"), "the lock file goes with the lock");
    }

    [TestMethod]
    public async Task Snapshot_FileChangedByAnotherProcess_PicksUpTheChange()
    {
        string file = StateFile();
        using var lab = TestLab.Create(stateFile: file);
        var store = new LabStateFile(file);

        using (store.Lock(TimeSpan.FromSeconds(5)))
        {
            var state = store.Load()!;
            state.Sites[1].Nodes[1].PassiveClusteredMailbox = false;
            state.Revision++;
            store.Save(state);
        }

        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        var installation = await lab.Run(lab.Inspection.GetInstallationAsync("NodeD", lab.Log, default));
        Assert.IsFalse(installation.PassiveClusteredMailbox);
    }

    [TestMethod]
    public async Task Reset_AfterActivationAndFaults_RecreatesTheSeedPicture()
    {
        using var lab = TestLab.Create(stateFile: StateFile());
        await lab.FlipStorageTo("standby");
        lab.Lab.InjectFault(LabFaults.StorageGroupAddedAfterPreparation);

        var snapshot = lab.Lab.Reset();

        CollectionAssert.AreEqual(new[] { "primary" }, snapshot.Replication[0].ReadWriteSites.ToArray());
        Assert.IsTrue(snapshot.Replication[0].InFullSync);
        Assert.IsEmpty(snapshot.Faults);
        Assert.HasCount(2, snapshot.Directory.StorageGroups);
        Assert.AreEqual("Online", snapshot.Site("primary")!.Group(TestLab.Cms)!.State);
        Assert.IsNull(snapshot.Site("standby")!.Group(TestLab.Cms));
        Assert.IsTrue(snapshot.Dns.All(d => d.Addresses.SequenceEqual(["10.1.0.50"])));
    }

    [TestMethod]
    public void Snapshot_SerializedToJson_RoundTripsTheSitesAndReplication()
    {
        using var lab = TestLab.Create();

        string json = System.Text.Json.JsonSerializer.Serialize(lab.Lab.Snapshot(), Web);

        StringAssert.Contains(json, "\"readWriteSites\":[\"primary\"]");
        StringAssert.Contains(json, "\"name\":\"MBX-1\",\"owner\":\"NodeA\",\"state\":\"Online\"");
    }

    private string StateFile()
    {
        string directory = Path.Combine(Path.GetTempPath(), "runbook-lab-tests", TestContext.TestName + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "lab-state.json");
    }
}
