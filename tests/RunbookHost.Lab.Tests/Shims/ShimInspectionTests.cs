namespace RunbookHost.Lab.Tests.Shims;

/// <summary>The Exchange Management Shell through the shim, read by the REAL inspection driver.</summary>
[TestClass]
public sealed class ShimInspectionTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task GetCmsConfiguration_FormatListFromTheShim_MatchesTheTopology()
    {
        using var lab = ShimLab.Create();

        var configuration = await lab.Inspection.GetCmsConfigurationAsync(ShimLab.Cms, lab.Log, TestContext.CancellationToken);

        Assert.IsNotNull(configuration);
        var expected = lab.Topology.Cms.StorageGroups;
        CollectionAssert.AreEqual(
            expected.Select(g => $"{g.Name} {g.LogPrefix} {g.LogPath} {g.SystemPath} {string.Join(',', g.Databases.Select(d => $"{d.Name}={d.EdbPath}"))}").ToArray(),
            configuration.StorageGroups.Select(g => $"{g.Name} {g.LogPrefix} {g.LogPath} {g.SystemPath} {string.Join(',', g.Databases.Select(d => $"{d.Name}={d.EdbPath}"))}").ToArray());
        Assert.AreEqual("NodeA", lab.Log.Records[0].Target);
    }

    [TestMethod]
    public async Task GetCmsConfiguration_UnknownCms_IsNull()
    {
        using var lab = ShimLab.Create();

        var configuration = await lab.Inspection.GetCmsConfigurationAsync("MBX-9", lab.Log, TestContext.CancellationToken);

        Assert.IsNull(configuration);
        Assert.HasCount(1, lab.Log.Records, "Get-MailboxDatabase is not asked once the server is not found");
    }

    [TestMethod]
    public async Task GetCmsBuild_AdminDisplayVersionFromTheShim_IsTheDirectorysCmsVersion()
    {
        using var lab = ShimLab.Create();

        string? build = await lab.Inspection.GetCmsBuildAsync(ShimLab.Cms, lab.Log, TestContext.CancellationToken);

        Assert.AreEqual("8.1.240.6", build);
        StringAssert.Contains(lab.Log.Records.Single().CommandLine, "Get-ExchangeServer -Identity 'MBX-1' | Format-List AdminDisplayVersion");
    }

    [TestMethod]
    public async Task GetCmsBuild_UnknownCms_IsNull()
    {
        using var lab = ShimLab.Create();

        string? build = await lab.Inspection.GetCmsBuildAsync("MBX-9", lab.Log, TestContext.CancellationToken);

        Assert.IsNull(build);
    }
}
