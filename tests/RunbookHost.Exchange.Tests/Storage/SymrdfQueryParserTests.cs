using RunbookHost.Exchange.Storage;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Storage;

[TestClass]
public sealed class SymrdfQueryParserTests
{
    [TestMethod]
    public void Parse_SynchronizedSample_ReadsHeaderPairsAndTotals()
    {
        var query = SymrdfQueryParser.Parse(Samples.Read("Symrdf/synchronized.txt"));

        Assert.AreEqual(("RDF1", "000190300123", "000190300456"), (query.GroupType, query.LocalSymmetrix, query.RemoteSymmetrix));
        Assert.HasCount(4, query.Pairs);
        Assert.AreEqual(ReplicationState.Synchronized, query.State);
        Assert.AreEqual(0, query.TotalInvalidTracks);
        Assert.IsTrue(query.R1ReadWrite);
        Assert.IsFalse(query.R2ReadWrite);
    }

    [TestMethod]
    [DataRow("RW", "RW", "WD", 0L, "Synchronized", ReplicationState.Synchronized)]
    [DataRow("RW", "RW", "WD", 0L, "Consistent", ReplicationState.Consistent)]
    [DataRow("RW", "RW", "WD", 5210L, "SyncInProg", ReplicationState.SyncInProgress)]
    [DataRow("RW", "NR", "RW", 0L, "Split", ReplicationState.Split)]
    [DataRow("RW", "NR", "WD", 877L, "Suspended", ReplicationState.Suspended)]
    [DataRow("RW", "NR", "WD", 120L, "Partitioned", ReplicationState.Partitioned)]
    [DataRow("WD", "NR", "RW", 0L, "Failed Over", ReplicationState.FailedOver)]
    [DataRow("RW", "RW", "WD", 0L, "Invalid", ReplicationState.Invalid)]
    public void Parse_EachPairState_MapsStateTracksAndSides(string r1, string link, string r2, long tracks, string pairState, ReplicationState state)
    {
        var query = SymrdfQueryParser.Parse(Samples.Symrdf(r1, link, r2, tracks, pairState));

        Assert.AreEqual(state, query.State);
        Assert.AreEqual(tracks, query.TotalInvalidTracks);
        Assert.AreEqual(r1 == "RW", query.R1ReadWrite);
        Assert.AreEqual(r2 == "RW", query.R2ReadWrite);
        Assert.AreEqual(pairState, query.Pairs[0].PairState);
    }

    [TestMethod]
    public void Parse_PairsDisagree_GroupTakesTheWorstState()
    {
        string output = Samples.Read("Symrdf/synchronized.txt").Replace("S..   Synchronized\nDEV002", "S..   Synchronized\nDEV002", StringComparison.Ordinal);
        output = output.Replace("DEV003  00A3  RW       0        0 RW 00B3 WD       0        0 S..   Synchronized", "DEV003  00A3  RW       0       44 NR 00B3 WD       0        0 S..   Partitioned", StringComparison.Ordinal);

        Assert.AreEqual(ReplicationState.Partitioned, SymrdfQueryParser.Parse(output).State);
    }

    [TestMethod]
    public void Parse_NoDevices_ThrowsFormatException() =>
        Assert.ThrowsExactly<FormatException>(() => SymrdfQueryParser.Parse("Symmetrix ID 000190300123 is not local to this host"));
}
