using RunbookHost.Exchange.Setup;
using RunbookHost.Lab.Tests.Support;

namespace RunbookHost.Lab.Tests.Inspection;

/// <summary>Get-ExchangeServer against the lab's AD: the CMS's build is the directory's CmsVersion.</summary>
[TestClass]
public sealed class CmsBuildTests
{
    [TestMethod]
    public async Task GetCmsBuildAsync_LabCms_AnswersTheDirectorysVersionAsAdminDisplayVersion()
    {
        using var lab = TestLab.Create();

        string? build = await lab.Run(lab.Inspection.GetCmsBuildAsync(TestLab.Cms, lab.Log, default));

        Assert.AreEqual("8.1.240.6", build);
        var record = lab.Log.Records.Single();
        Assert.AreEqual("Get-ExchangeServer -Identity MBX-1 | Format-List AdminDisplayVersion", record.CommandLine);
        Assert.AreEqual("AdminDisplayVersion : Version 8.1 (Build 240.6)", record.OutputExcerpt);
    }

    [TestMethod]
    public async Task GetCmsBuildAsync_AfterUpgradeCms_AnswersTheNewBuild()
    {
        using var lab = TestLab.Create();
        await lab.Run(lab.Cluster.TakeGroupOfflineAsync(TestLab.Primary, TestLab.Cms, TimeSpan.FromMinutes(5), lab.Log, default));
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.Upgrade(), lab.Log, default))).Succeeded);
        Assert.IsTrue((await lab.Run(lab.Setup.RunAsync("NodeA", SetupCommand.UpgradeCms(), lab.Log, default))).Succeeded);

        string? build = await lab.Run(lab.Inspection.GetCmsBuildAsync(TestLab.Cms, lab.Log, default));

        Assert.AreEqual("8.2.176.2", build);
    }

    [TestMethod]
    public async Task GetCmsBuildAsync_UnknownCms_IsNullAndSaysSo()
    {
        using var lab = TestLab.Create();

        string? build = await lab.Run(lab.Inspection.GetCmsBuildAsync("MBX-9", lab.Log, default));

        Assert.IsNull(build);
        StringAssert.Contains(lab.Log.Records.Single().OutputExcerpt, "object 'MBX-9' couldn't be found");
    }
}
