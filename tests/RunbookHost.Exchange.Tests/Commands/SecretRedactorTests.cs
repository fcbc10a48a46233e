using RunbookHost.Exchange.Commands;
using RunbookHost.Exchange.Topology;

namespace RunbookHost.Exchange.Tests.Commands;

[TestClass]
public sealed class SecretRedactorTests
{
    [TestMethod]
    public void Redact_ConfiguredPasswordsAndSecretSettings_AreMasked()
    {
        var options = new CommandDriverOptions { Secrets = ["extra-secret-1"] };
        options.Hosts["NodeC"] = new HostOptions { Transport = TransportKind.Ssh, Password = "NodePass#1", KeyPassphrase = "phrase-42" };
        var topology = DefaultTopology.Create();
        topology.ReplicationGroups[0].Settings["apiToken"] = "tok-abc-123";
        topology.ReplicationGroups[0].Settings["deviceGroup"] = "MBX1_DG";
        var redactor = new SecretRedactor(Microsoft.Extensions.Options.Options.Create(options), topology);

        string text = redactor.Redact("NodePass#1 phrase-42 extra-secret-1 tok-abc-123 MBX1_DG");

        Assert.AreEqual("*** *** *** *** MBX1_DG", text);
    }

    [TestMethod]
    [DataRow("login password=hunter2 ok", "login password=*** ok")]
    [DataRow("--password hunter2 --user bob", "--password *** --user bob")]
    [DataRow("Token: abc.def.ghi", "Token: ***")]
    [DataRow("/pwd:\"my pass\" next", "/pwd:*** next")]
    [DataRow("Password policy is enforced", "Password policy is enforced")]
    [DataRow(@"C:\etc\password file", @"C:\etc\password file")]
    public void Redact_PasswordAssignments_AreMasked(string input, string expected)
    {
        var redactor = new SecretRedactor(Microsoft.Extensions.Options.Options.Create(new CommandDriverOptions()));

        Assert.AreEqual(expected, redactor.Redact(input));
    }

    [TestMethod]
    [DataRow("password", true)]
    [DataRow("adminPassword", true)]
    [DataRow("clientSecret", true)]
    [DataRow("apiToken", true)]
    [DataRow("deviceGroup", false)]
    public void IsSecretName_SettingNames_AreRecognised(string name, bool secret) =>
        Assert.AreEqual(secret, SecretRedactor.IsSecretName(name));
}
