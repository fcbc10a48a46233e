using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Journal;

[TestClass]
public sealed class JournalEndToEndTests
{
    [TestMethod]
    public async Task Verify_JournalOfCompletedRun_IsValid()
    {
        await using var engine = new Engine();
        string runId = await RunSmallWorkflowAsync(engine);

        var journal = await engine.JournalAsync(runId);

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        var result = JournalVerifier.Verify(journal);
        Assert.IsTrue(result.Valid, result.Problem);
        Assert.AreEqual(journal.Count, result.Records);
    }

    [TestMethod]
    public async Task Verify_StoredJournalWithOneMessageEdited_FailsAtThatSeq()
    {
        await using var engine = new Engine();
        string runId = await RunSmallWorkflowAsync(engine);
        var journal = (await engine.JournalAsync(runId)).ToList();
        var command = journal.First(r => r.Kind == JournalKinds.CommandExecuted);

        journal[journal.IndexOf(command)] = command with { Message = "ran nothing" };
        var result = JournalVerifier.Verify(journal);

        Assert.IsFalse(result.Valid);
        Assert.AreEqual(command.Seq, result.FirstBadSeq);
        Assert.IsTrue(JournalVerifier.Verify(await engine.JournalAsync(runId)).Valid, "The stored journal itself must be untouched.");
    }

    [TestMethod]
    public async Task Verify_StoredJournalWithActorEdited_FailsAtThatSeq()
    {
        await using var engine = new Engine();
        string runId = await RunSmallWorkflowAsync(engine);
        var journal = (await engine.JournalAsync(runId)).ToList();
        var started = journal.First(r => r.Kind == JournalKinds.RunStarted);

        journal[journal.IndexOf(started)] = started with { Actor = "mallory" };
        var result = JournalVerifier.Verify(journal);

        Assert.AreEqual(started.Seq, result.FirstBadSeq);
    }

    private static async Task<string> RunSmallWorkflowAsync(Engine engine)
    {
        await engine.PublishAsync(Def.Sequence(
            "journal",
            Def.Log("hello", "Starting"),
            Def.Node("cmd", "Test.Command", ("key", Def.Lit("flip"))),
            Def.Log("bye", "Done")));
        return await engine.RunAsync("journal");
    }
}
