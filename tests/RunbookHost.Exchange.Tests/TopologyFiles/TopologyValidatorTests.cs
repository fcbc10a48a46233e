using Microsoft.Extensions.Configuration;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Tests.TopologyFiles;

[TestClass]
public sealed class TopologyValidatorTests
{
    [TestMethod]
    public void Validate_DefaultTopology_HasNoErrors() =>
        Assert.IsEmpty(TopologyValidator.Validate(DefaultTopology.Create()));

    [TestMethod]
    public void Validate_BadEntries_EachErrorNamesTheEntry()
    {
        var topology = DefaultTopology.Create();
        topology.Sites[1].Nodes.Add("NodeA");
        topology.Sites[1].CmsAddresses = ["10.2.0.500"];
        topology.Cms.StorageGroups[1].LogPrefix = "E00";
        topology.Cms.StorageGroups[0].Databases[0].EdbPath = @"F:\SG1\DB1.mdb";
        topology.Disks[0].ReplicationGroup = "RG-NOPE";
        topology.Cms.StorageGroups[1].LogPath = @"Q:\SG2\Logs";
        topology.ReplicationGroups[0].Adapter = "Tape";

        var errors = TopologyValidator.Validate(topology);

        Assert.IsTrue(errors.Any(e => e.Contains("Topology:Sites:1 (standby):Nodes: node 'NodeA'", StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.IsTrue(errors.Any(e => e.Contains("'10.2.0.500' is not an IPv4 address", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains("StorageGroups:1 (SG2):LogPrefix 'E00' is used by another storage group", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains("(DB1):EdbPath", StringComparison.Ordinal) && e.Contains(".edb", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains("Topology:Disks:0 (Disk F:):ReplicationGroup 'RG-NOPE'", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains(@"'Q:\SG2\Logs' is on no disk", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains("Adapter 'Tape'", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Validate_OneSite_IsRefused()
    {
        var topology = DefaultTopology.Create();
        topology.Sites.RemoveAt(1);

        StringAssert.Contains(TopologyValidator.Validate(topology)[0], "exactly two sites");
    }

    [TestMethod]
    public void LoadValid_FromConfiguration_BindsAndValidates()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runbook:Topology:Sites:0:Name"] = "dc1",
            ["Runbook:Topology:Sites:0:ClusterName"] = "C1",
            ["Runbook:Topology:Sites:0:Nodes:0"] = "N1",
            ["Runbook:Topology:Sites:0:CmsAddresses:0"] = "10.0.0.5",
            ["Runbook:Topology:Sites:1:Name"] = "dc2",
            ["Runbook:Topology:Sites:1:ClusterName"] = "C2",
            ["Runbook:Topology:Sites:1:Nodes:0"] = "N2",
            ["Runbook:Topology:Sites:1:CmsAddresses:0"] = "10.0.1.5",
            ["Runbook:Topology:Cms:Name"] = "MBX-9",
        }).Build();

        var topology = TopologyLoader.LoadValid(configuration);

        Assert.AreEqual("dc2", topology.Sites[1].Name);
        Assert.AreEqual("MBX-9", topology.Cms.Name);
    }

    [TestMethod]
    public void LoadValid_BadFileOrContent_FailsNamingTheProblem()
    {
        string missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        string broken = Path.GetTempFileName();
        File.WriteAllText(broken, "{ \"sites\": [ { \"name\": \"x\" } ");
        try
        {
            var noFile = Assert.ThrowsExactly<TopologyException>(() => TopologyLoader.LoadValid(Config(missing)));
            var badJson = Assert.ThrowsExactly<TopologyException>(() => TopologyLoader.LoadValid(Config(broken)));

            StringAssert.Contains(noFile.Message, "does not exist");
            StringAssert.Contains(badJson.Message, "is not a valid topology");
        }
        finally
        {
            File.Delete(broken);
        }

        static IConfiguration Config(string file) =>
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TopologyLoader.FileKey] = file }).Build();
    }
}
