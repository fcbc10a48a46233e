using RunbookHost.Exchange.Commands;

namespace RunbookHost.Exchange.Tests.Commands;

[TestClass]
public sealed class RenderedCommandTests
{
    [TestMethod]
    public void Display_QuotedNamesAndSwitches_RenderAsTheDocumentationWritesThem()
    {
        var command = RenderedCommand.Of("cluster.exe", Arg.Switch("/cluster:", "CLUSTER-DR"), Arg.Plain("res"), Arg.Quoted("Disk F:"), Arg.Switch("/moveto:", "MBX-1", quoted: true));

        Assert.AreEqual("cluster.exe /cluster:CLUSTER-DR res \"Disk F:\" /moveto:\"MBX-1\"", command.Display);
        CollectionAssert.AreEqual(new[] { "/cluster:CLUSTER-DR", "res", "Disk F:", "/moveto:MBX-1" }, command.RawArguments.ToArray());
    }

    [TestMethod]
    public void Display_SecretArgument_IsMasked()
    {
        var command = RenderedCommand.Of("mycli", Arg.Plain("-u"), Arg.Plain("admin"), Arg.Plain("-p"), Arg.Secret("S3cr3t!"));

        Assert.AreEqual("mycli -u admin -p ***", command.Display);
        Assert.AreEqual("mycli -u admin -p S3cr3t!", command.Render(redact: false));
    }

    [TestMethod]
    public void Display_ExecutableWithSpaces_IsQuoted()
    {
        var command = RenderedCommand.Of(@"C:\Program Files\Microsoft\Exchange Server\Bin\eseutil.exe", Arg.Plain("/mh"), Arg.Quoted(@"F:\SG1\DB1.edb"));

        Assert.AreEqual("\"C:\\Program Files\\Microsoft\\Exchange Server\\Bin\\eseutil.exe\" /mh \"F:\\SG1\\DB1.edb\"", command.Display);
    }

    [TestMethod]
    public void Render_TrailingBackslashInQuotedValue_IsDoubledForWindowsArgv()
    {
        Assert.AreEqual("type \"C:\\Logs\\\\\"", RenderedCommand.Of("type", Arg.Quoted(@"C:\Logs\")).Display);
    }
}
