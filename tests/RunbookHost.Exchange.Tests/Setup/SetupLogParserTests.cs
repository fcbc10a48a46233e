using RunbookHost.Exchange.Setup;
using RunbookHost.Exchange.Tests.Support;

namespace RunbookHost.Exchange.Tests.Setup;

[TestClass]
public sealed class SetupLogParserTests
{
    [TestMethod]
    public void Parse_SuccessfulRun_Succeeds()
    {
        var verdict = SetupLogParser.Parse(Samples.Read("Setup/success.log"));

        Assert.AreEqual(1, verdict.Runs);
        Assert.IsTrue(verdict.Result.Succeeded);
        Assert.IsEmpty(verdict.Result.Errors);
        StringAssert.Contains(verdict.Result.LogExcerpt, "End of Setup");
    }

    [TestMethod]
    public void Parse_RunWithErrorLines_FailsWithTheErrorsOnceEach()
    {
        var verdict = SetupLogParser.Parse(Samples.Read("Setup/failed-error.log"));

        Assert.IsFalse(verdict.Result.Succeeded);
        Assert.HasCount(2, verdict.Result.Errors);
        Assert.AreEqual("[ERROR] The computer account for 'MBX-1' has not replicated to the desired domain controller 'DC2.contoso.com' after waiting approximately 60 seconds.", verdict.Result.Errors[0]);
        StringAssert.StartsWith(verdict.Result.Errors[1], "The Exchange Server Setup operation did not complete.");
        StringAssert.Contains(verdict.Result.Summary, "has not replicated");
    }

    [TestMethod]
    public void Parse_HaltedRun_Fails()
    {
        var verdict = SetupLogParser.Parse(Samples.Read("Setup/halted.log"));

        Assert.IsFalse(verdict.Result.Succeeded);
        StringAssert.StartsWith(verdict.Result.Errors.Single(), "Setup is halting because the clustered mailbox server 'MBX-1' is online.");
    }

    [TestMethod]
    public void Parse_EarlierFailedRunThenSuccess_JudgesOnlyTheLastRun()
    {
        var verdict = SetupLogParser.Parse(Samples.Read("Setup/failed-then-success.log"));

        Assert.AreEqual(2, verdict.Runs);
        Assert.IsTrue(verdict.Result.Succeeded);
        Assert.DoesNotContain("[ERROR]", verdict.Result.LogExcerpt);
    }

    [TestMethod]
    public void Parse_EarlierSuccessThenFailedRun_Fails()
    {
        var verdict = SetupLogParser.Parse(Samples.Read("Setup/success-then-failed.log"));

        Assert.AreEqual(2, verdict.Runs);
        Assert.IsFalse(verdict.Result.Succeeded);
    }

    [TestMethod]
    public void Parse_LogEndingMidRun_FailsSayingSetupDidNotEnd()
    {
        var verdict = SetupLogParser.Parse(Samples.Read("Setup/incomplete.log"));

        Assert.IsFalse(verdict.Result.Succeeded);
        StringAssert.Contains(verdict.Result.Errors.Single(), "without 'End of Setup'");
    }

    [TestMethod]
    public void Parse_EmptyLog_HasNoRunAndFails()
    {
        var verdict = SetupLogParser.Parse(string.Empty);

        Assert.AreEqual(0, verdict.Runs);
        Assert.IsFalse(verdict.Result.Succeeded);
    }
}
