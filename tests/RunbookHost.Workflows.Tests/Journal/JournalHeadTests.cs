using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Journal;

[TestClass]
public sealed class JournalHeadTests
{
    [TestMethod]
    public async Task Verify_LastRecordsRemoved_FailsAgainstTheRunsRecordedHead()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("short", Def.Log("a"), Def.Log("b")));
        string runId = await engine.RunAsync("short");
        var run = await engine.RunRecordAsync(runId);
        var journal = await engine.JournalAsync(runId);

        var whole = JournalVerifier.Verify(journal, run.LastSeq, run.LastHash);
        var truncated = JournalVerifier.Verify([.. journal.Take(journal.Count - 2)], run.LastSeq, run.LastHash);

        Assert.IsTrue(whole.Valid);
        Assert.IsTrue(JournalVerifier.Verify([.. journal.Take(journal.Count - 2)]).Valid, "the chain alone cannot see a cut end");
        Assert.IsFalse(truncated.Valid);
        StringAssert.Contains(truncated.Problem, "removed");
    }
}
