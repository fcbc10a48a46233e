using RunbookHost.Workflows.Runtime;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class RunIdsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 30, 15, 123, TimeSpan.Zero);

    [TestMethod]
    public void New_IsAVersion7UuidOfTheStartTime()
    {
        string id = RunIds.New(At);

        var guid = Guid.ParseExact(id, "N");
        Assert.AreEqual(7, guid.Version);
        StringAssert.Contains("89ab", id[16].ToString(), $"RFC 9562 variant in {id}");
        Assert.AreEqual(Guid.CreateVersion7(At).ToString("N")[..12], id[..12], "the first 48 bits are the Unix milliseconds");
    }

    [TestMethod]
    public void New_ManyAtTheSameMillisecond_AreDistinct()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => RunIds.New(At)).ToHashSet(StringComparer.Ordinal);

        Assert.HasCount(10_000, ids);
    }

    [TestMethod]
    public void New_LaterStart_SortsAfter()
    {
        string earlier = RunIds.New(At);
        string later = RunIds.New(At.AddMilliseconds(1));

        Assert.IsLessThan(0, string.CompareOrdinal(earlier, later));
    }
}
