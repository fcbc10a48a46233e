using RunbookHost.Exchange.Cluster;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Cluster;

[TestClass]
public sealed class ClusterStatusParserTests
{
    [TestMethod]
    public void ParseGroups_GroupStat_ReadsNameOwnerAndEveryState()
    {
        var groups = ClusterStatusParser.ParseGroups(Samples.Read("Cluster/group-stat.txt"));

        CollectionAssert.AreEqual(
            new[]
            {
                new ClusterGroupStatus("Cluster Group", "NODEA", ClusterState.Online),
                new ClusterGroupStatus("MBX-1", "NODEA", ClusterState.PartiallyOnline),
                new ClusterGroupStatus("Disk Group 1", "NODEB", ClusterState.Offline),
                new ClusterGroupStatus("Available Storage", "NODEB", ClusterState.Failed),
                new ClusterGroupStatus("MSDTC Group", "NODEA", ClusterState.Pending),
            },
            groups.ToArray());
    }

    [TestMethod]
    public void ParseResources_NamesLongerThanTheirColumn_StillSplitNameAndGroup()
    {
        var resources = ClusterStatusParser.ParseResources(Samples.Read("Cluster/res-stat.txt"));

        Assert.HasCount(9, resources);
        Assert.AreEqual(new ClusterResourceStatus("Disk F:", "MBX-1", "NODEA", ClusterState.Online), resources[3]);
        Assert.AreEqual(new ClusterResourceStatus("Disk L:", "MBX-1", "NODEA", ClusterState.Pending), resources[4]);
        Assert.AreEqual(new ClusterResourceStatus("MBX-1 Network Name", "MBX-1", "NODEA", ClusterState.Pending), resources[6]);
        Assert.AreEqual(new ClusterResourceStatus("Exchange Information Store Instance (MBX-1)", "MBX-1", "NODEA", ClusterState.Failed), resources[7]);
        Assert.AreEqual(new ClusterResourceStatus("Exchange Database Instance (MBX-1/SG1/DB1)", "MBX-1", "NODEA", ClusterState.Offline), resources[8]);
    }

    [TestMethod]
    public void ParseResources_CrlfTabsAndTrailingSpaces_AreTolerated()
    {
        string output = "Listing status for all available resources:\r\n\r\n"
            + "Resource             Group                Node            Status   \r\n"
            + "-------------------- -------------------- --------------- ------\r\n"
            + "Disk G:              Disk Group 2         NODEC           Offline   \r\n"
            + "MBX-1 IP Address     MBX-1                NODED\tOnline\r\n"
            + "\r\n";

        var resources = ClusterStatusParser.ParseResources(output);

        Assert.AreEqual(new ClusterResourceStatus("Disk G:", "Disk Group 2", "NODEC", ClusterState.Offline), resources[0]);
        Assert.AreEqual(new ClusterResourceStatus("MBX-1 IP Address", "MBX-1", "NODED", ClusterState.Online), resources[1]);
    }

    [TestMethod]
    public void ParseGroups_UnknownStatusWord_MapsToUnknown()
    {
        string output = "Group                Node            Status\n-------------------- --------------- ------\nMBX-1                NODEC           Initializing\n";

        Assert.AreEqual(ClusterState.Unknown, ClusterStatusParser.ParseGroups(output).Single().State);
    }

    [TestMethod]
    public void ParseGroups_NoTable_ThrowsFormatException() =>
        Assert.ThrowsExactly<FormatException>(() => ClusterStatusParser.ParseGroups("The cluster service is not running on this node."));

    [TestMethod]
    [DataRow("Online", ClusterState.Online)]
    [DataRow("Offline", ClusterState.Offline)]
    [DataRow("Partially Online", ClusterState.PartiallyOnline)]
    [DataRow("Failed", ClusterState.Failed)]
    [DataRow("Pending", ClusterState.Pending)]
    [DataRow("Online Pending", ClusterState.Pending)]
    [DataRow("Offline  Pending", ClusterState.Pending)]
    public void MapState_StatusWords_MapToStates(string status, ClusterState state) =>
        Assert.AreEqual(state, ClusterStatusParser.MapState(status));
}
