using RunbookHost.Exchange.Inspection;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Inspection;

[TestClass]
public sealed class InspectionParserTests
{
    [TestMethod]
    public void Parse_DirtyHeader_ReportsDirtyShutdownAndRequiredLogs()
    {
        var header = EseutilHeaderParser.Parse(@"F:\SG1\DB1.edb", Samples.Read("Eseutil/dirty.txt"));

        Assert.AreEqual(new DatabaseHeader(@"F:\SG1\DB1.edb", DatabaseShutdownState.DirtyShutdown, "12-14"), header);
    }

    [TestMethod]
    public void Parse_CleanHeader_ReportsCleanShutdownAndNoLogs()
    {
        var header = EseutilHeaderParser.Parse(@"F:\SG1\DB1.edb", Samples.Read("Eseutil/clean.txt").Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.AreEqual(new DatabaseHeader(@"F:\SG1\DB1.edb", DatabaseShutdownState.CleanShutdown, null), header);
    }

    [TestMethod]
    public void Parse_EseutilError_ThrowsFormatException() =>
        Assert.ThrowsExactly<FormatException>(() => EseutilHeaderParser.Parse(@"F:\SG1\DB9.edb", Samples.Read("Eseutil/missing.txt")));

    [TestMethod]
    public void Read_FormatListOfStorageGroupsAndDatabases_BuildsTheCmsConfiguration()
    {
        var cms = CmsConfigurationReader.Read("MBX-1", Samples.Read("Ems/storage-groups.txt"), Samples.Read("Ems/databases.txt"));

        Assert.HasCount(2, cms.StorageGroups);
        var sg1 = cms.StorageGroups[0];
        Assert.AreEqual(("SG1", "E00", @"L:\SG1\Logs", @"L:\SG1\System"), (sg1.Name, sg1.LogPrefix, sg1.LogPath, sg1.SystemPath));
        Assert.AreEqual(new DatabaseConfiguration("DB1", @"F:\SG1\DB1.edb"), sg1.Databases.Single());
        Assert.AreEqual(new DatabaseConfiguration("DB2", @"G:\SG2\DB2.edb"), cms.StorageGroups[1].Databases.Single());
    }

    [TestMethod]
    public void Read_GetExchangeServerAdminDisplayVersion_IsTheFourPartBuild()
    {
        string build = ExchangeServerVersionReader.Read("MBX-1", Samples.Read("Ems/exchange-server.txt"));

        Assert.AreEqual("8.1.240.6", build);
    }

    [TestMethod]
    [DataRow("\r\nAdminDisplayVersion : 8.1\r\n", "printed AdminDisplayVersion '8.1', which is no 'Version M.m (Build B.r)'")]
    [DataRow("\r\nName : MBX-1\r\n", "printed no AdminDisplayVersion field")]
    [DataRow("WARNING: The Exchange Management Shell snap-in is not loaded.", "printed no AdminDisplayVersion field")]
    public void Read_UnreadableGetExchangeServerOutput_ThrowsNamingWhatItPrinted(string output, string message)
    {
        var ex = Assert.ThrowsExactly<FormatException>(() => ExchangeServerVersionReader.Read("MBX-1", output));

        StringAssert.Contains(ex.Message, "Get-ExchangeServer 'MBX-1' " + message);
    }

    [TestMethod]
    public void Parse_FormatListWithWrappedValue_JoinsTheContinuation()
    {
        string output = "Name        : SG3\nLogFolderPath : E:\\Mount\\VeryLongMountPoint\\Storage\n                Group3\\Logs\n";

        var record = FormatListParser.Parse(output).Single();

        Assert.AreEqual(@"E:\Mount\VeryLongMountPoint\StorageGroup3\Logs", record["LogFolderPath"]);
    }

    [TestMethod]
    public void Read_PassiveNode_HasMailboxRoleVersionAndNoWatermark()
    {
        var node = InstallationReader.Read("NodeC", Samples.Read("Registry/passive-node.txt"));

        CollectionAssert.AreEqual(new[] { "Mailbox" }, node.Roles.ToArray());
        Assert.AreEqual("8.1.240.6", node.Version);
        Assert.IsTrue(node.PassiveClusteredMailbox);
        Assert.IsNull(node.SetupWatermark);
    }

    [TestMethod]
    public void Read_HalfFinishedSetupWithTabs_ReportsTheWatermark()
    {
        var node = InstallationReader.Read("NodeD", Samples.Read("Registry/watermark.txt"));

        Assert.AreEqual("ClusteredMailboxServer: Action=RecoverCMS Watermark=ClusteredMailboxServer___b0f1f0b5a7c449f4b2f2d1f1f0e3c6a1", node.SetupWatermark);
        Assert.AreEqual("8.1.240.6", node.Version);
    }

    [TestMethod]
    public void Read_NothingInstalled_HasNoRolesAndNoVersion()
    {
        var node = InstallationReader.Read("NodeD", string.Empty);

        Assert.IsEmpty(node.Roles);
        Assert.IsNull(node.Version);
        Assert.IsFalse(node.PassiveClusteredMailbox);
    }

    [TestMethod]
    public void Read_SetupKeyOnly_TakesTheVersionFromMsiValues()
    {
        string output = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Exchange\\v8.0\\Setup\n    MsiProductMajor    REG_DWORD    0x8\n    MsiProductMinor    REG_DWORD    0x3\n    MsiBuildMajor    REG_DWORD    0x53\n    MsiBuildMinor    REG_DWORD    0x6\n";

        Assert.AreEqual("8.3.83.6", InstallationReader.Read("NodeC", output).Version);
    }
}
