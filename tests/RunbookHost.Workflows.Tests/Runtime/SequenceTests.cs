using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class SequenceTests
{
    [TestMethod]
    public async Task Execute_SequenceOfSteps_CompletesInOrderWithVerifiedJournal()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("seq", Def.Node("a", "Test.Step", ("key", Def.Lit("a"))), Def.Node("b", "Test.Step", ("key", Def.Lit("b"))), Def.Log("c")));

        string runId = await engine.RunAsync("seq");

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        CollectionAssert.AreEqual(new[] { "a", "b" }, engine.World.Order.ToArray());
        CollectionAssert.AreEqual(new[] { "a", "b", "c", "root" }, (await engine.CompletedAsync(runId)).ToArray());
        var journal = await engine.JournalAsync(runId);
        Assert.AreEqual(JournalKinds.RunStarted, journal[0].Kind);
        Assert.AreEqual(JournalKinds.RunCompleted, journal[^1].Kind);
        Assert.IsTrue(JournalVerifier.Verify(journal).Valid);
    }
}
