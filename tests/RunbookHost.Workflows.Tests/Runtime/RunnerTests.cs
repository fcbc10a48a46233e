using System.Text.Json.Nodes;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class RunnerTests
{
    [TestMethod]
    public async Task Runner_AsHostedService_ExecutesNewAndResumedRunsWithoutBeingAsked()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence(
            "hosted",
            Def.Node("a", "Test.Step", ("key", Def.Lit("a"))),
            Def.Node("gate", "ManualStep", ("title", Def.Lit("Schedule downtime")), ("instructions", Def.Lit("Agree the window with the change board."))),
            Def.Node("b", "Test.Step", ("key", Def.Lit("b")))));
        using var stop = new CancellationTokenSource();
        await engine.Runner.StartAsync(stop.Token);

        string runId = await engine.StartAsync("hosted");
        await FlowTests.WaitUntil(() => engine.StatusAsync(runId).Result == RunStatus.Suspended);
        var gate = (await engine.PendingAsync(runId)).Single();
        await engine.Runtime.ResumeAsync(gate.BookmarkId, new JsonObject { ["comment"] = "Saturday 02:00" }, "olga", CancellationToken.None);
        await FlowTests.WaitUntil(() => engine.StatusAsync(runId).Result == RunStatus.Completed);
        await engine.Runner.StopAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "a", "b" }, engine.World.Order.ToArray());
    }

    [TestMethod]
    public async Task Runner_OrphanedRun_IsAdoptedAfterItsLeaseExpires()
    {
        await using var crashed = new Engine();
        await crashed.PublishAsync(Def.Sequence("orphan", Def.Node("a", "Test.Idempotent", ("key", Def.Lit("a"))), Def.Node("b", "Test.Step", ("key", Def.Lit("b")))));
        crashed.World.Hold("a");
        string runId = await crashed.StartAsync("orphan");
        // The host took the lease and died without releasing it.
        Assert.IsTrue(await crashed.Runs.TryAcquireLeaseAsync(runId, "dead-host", crashed.Time.GetUtcNow(), crashed.Time.GetUtcNow().AddSeconds(30), CancellationToken.None));
        crashed.World.Release("a");

        await using var survivor = crashed.Restart();
        Assert.AreEqual(0, await survivor.Runner.RunDueWorkAsync(CancellationToken.None), "the lease is still live");
        survivor.Time.Advance(TimeSpan.FromSeconds(31));
        await survivor.Runner.RunDueWorkAsync(CancellationToken.None);

        Assert.AreEqual(RunStatus.Completed, await survivor.StatusAsync(runId));
        Assert.AreEqual(1, survivor.World.RunCount("b"));
    }
}
