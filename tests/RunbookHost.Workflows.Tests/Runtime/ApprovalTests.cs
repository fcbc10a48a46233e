using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class ApprovalTests
{
    private static ActivityNode Step(string id) => Def.Node(id, "Test.Step", ("key", Def.Lit(id)));

    private static WorkflowDefinition Gate(string? expiresAfter = null)
    {
        var approval = Def.Node(
            "confirm",
            "Approval",
            ("title", Def.Lit("Confirm the primary site is offline")),
            ("instructions", Def.Lit("Check that NodeA and NodeB are down.")));
        if (expiresAfter is not null)
        {
            approval.Inputs["expiresAfter"] = Def.Lit(expiresAfter);
        }

        return Def.Flow(
            "gate",
            [approval, Step("approved"), Step("rejected"), Step("expired")],
            [Def.Link("confirm", "approved", "Approved"), Def.Link("confirm", "rejected", "Rejected"), Def.Link("confirm", "expired", "Expired")]);
    }

    private static async Task<(string RunId, Bookmark Bookmark)> StartGateAsync(Engine engine, string? expiresAfter = null)
    {
        await engine.PublishAsync(Gate(expiresAfter));
        string runId = await engine.RunAsync("gate");
        var pending = await engine.PendingAsync(runId);
        Assert.AreEqual(1, pending.Count);
        return (runId, pending[0]);
    }

    [TestMethod]
    public async Task Approval_Approved_TakesApprovedPortAndRecordsDeciderAndComment()
    {
        await using var engine = new Engine();
        var (runId, bookmark) = await StartGateAsync(engine);
        Assert.AreEqual(RunStatus.Suspended, await engine.StatusAsync(runId));
        Assert.AreEqual("approval", bookmark.Payload["kind"]!.ToString());
        Assert.AreEqual("Confirm the primary site is offline", bookmark.Payload["title"]!.ToString());

        var result = await engine.Runtime.ResumeAsync(bookmark.BookmarkId, new JsonObject { ["decision"] = "approve", ["comment"] = "Both nodes powered off" }, "amir", CancellationToken.None);
        await engine.ExecuteAsync(runId);

        Assert.AreEqual(SignalResult.Accepted, result);
        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        CollectionAssert.AreEqual(new[] { "approved" }, engine.World.Order.ToArray());
        var granted = (await engine.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.ApprovalGranted);
        Assert.AreEqual("amir", granted.Actor);
        Assert.AreEqual("Both nodes powered off", granted.Data!["comment"]!.ToString());
        Assert.AreEqual(0, (await engine.PendingAsync(runId)).Count);
    }

    [TestMethod]
    public async Task Approval_Rejected_TakesRejectedPort()
    {
        await using var engine = new Engine();
        var (runId, bookmark) = await StartGateAsync(engine);

        await engine.Runtime.ResumeAsync(bookmark.BookmarkId, new JsonObject { ["decision"] = "reject", ["comment"] = "NodeB still answers ping" }, "amir", CancellationToken.None);
        await engine.ExecuteAsync(runId);

        CollectionAssert.AreEqual(new[] { "rejected" }, engine.World.Order.ToArray());
        var rejected = (await engine.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.ApprovalRejected);
        Assert.AreEqual("amir", rejected.Actor);
    }

    [TestMethod]
    public async Task Approval_NotDecidedBeforeExpiry_TakesExpiredPortWhenTimerFires()
    {
        await using var engine = new Engine();
        var (runId, bookmark) = await StartGateAsync(engine, "01:00:00");
        Assert.IsNotNull(bookmark.ResumeAt);

        engine.Time.Advance(TimeSpan.FromMinutes(59));
        await engine.Runner.RunDueWorkAsync(CancellationToken.None);
        Assert.AreEqual(RunStatus.Suspended, await engine.StatusAsync(runId), "not expired before its time");

        engine.Time.Advance(TimeSpan.FromMinutes(2));
        await engine.Runner.RunDueWorkAsync(CancellationToken.None);

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        CollectionAssert.AreEqual(new[] { "expired" }, engine.World.Order.ToArray());
        var late = await engine.Runtime.ResumeAsync(bookmark.BookmarkId, new JsonObject { ["decision"] = "approve" }, "amir", CancellationToken.None);
        Assert.AreEqual(SignalResult.Conflict, late, "a decision after expiry is refused");
    }

    [TestMethod]
    public async Task Resume_TwoConcurrentDecisions_ExactlyOneWins()
    {
        await using var engine = new Engine();
        var (runId, bookmark) = await StartGateAsync(engine);

        var decisions = Enumerable.Range(0, 20).Select(i => Task.Run(() => engine.Runtime.ResumeAsync(
            bookmark.BookmarkId,
            new JsonObject { ["decision"] = i % 2 == 0 ? "approve" : "reject" },
            $"approver{i}",
            CancellationToken.None)));
        var results = await Task.WhenAll(decisions);
        await engine.ExecuteAsync(runId);

        Assert.AreEqual(1, results.Count(r => r == SignalResult.Accepted));
        Assert.AreEqual(19, results.Count(r => r == SignalResult.Conflict));
        Assert.AreEqual(1, engine.World.Order.Count, "exactly one outcome was followed");
        Assert.AreEqual(1, (await engine.KindsAsync(runId)).Count(k => k is JournalKinds.ApprovalGranted or JournalKinds.ApprovalRejected));
    }

    [TestMethod]
    public async Task Resume_WhileRunIsExecuting_IsQueuedAndApplied()
    {
        await using var engine = new Engine();
        var definition = Def.Flow(
            "busy",
            [
                Def.Node("fork", "Fork", ("branches", Def.Lit(new JsonArray("human", "machine")))),
                Def.Node("confirm", "ManualStep", ("title", Def.Lit("Isolate NodeA")), ("instructions", Def.Lit("Unplug the public network of NodeA."))),
                Step("slow"),
                Def.Node("join", "Join"),
                Step("after"),
            ],
            [Def.Link("fork", "confirm", "human"), Def.Link("fork", "slow", "machine"), Def.Link("confirm", "join"), Def.Link("slow", "join"), Def.Link("join", "after")]);
        await engine.PublishAsync(definition);
        engine.World.Hold("slow");
        string runId = await engine.StartAsync("busy");
        var execution = engine.ExecuteInBackground(runId);
        await engine.World.Entered("slow");
        Bookmark? step = null;
        await FlowTests.WaitUntil(() => (step = engine.PendingAsync(runId).Result.SingleOrDefault()) is not null);

        // The run is executing (slow is in flight) when the operator confirms the manual step.
        var result = await engine.Runtime.ResumeAsync(step!.BookmarkId, new JsonObject { ["comment"] = "done" }, "olga", CancellationToken.None);
        engine.World.Release("slow");
        await execution;

        Assert.AreEqual(SignalResult.Accepted, result);
        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        Assert.AreEqual(1, engine.World.RunCount("after"));
        var confirmed = (await engine.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.ManualStepConfirmed);
        Assert.AreEqual("olga", confirmed.Actor);
    }

    [TestMethod]
    public async Task Resume_UnknownBookmark_IsNotFound()
    {
        await using var engine = new Engine();
        var result = await engine.Runtime.ResumeAsync("no-such-bookmark", [], "amir", CancellationToken.None);
        Assert.AreEqual(SignalResult.NotFound, result);
    }

    [TestMethod]
    public async Task Delay_DurableTimer_SurvivesRestartAndFiresAtItsTime()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("wait", Def.Node("ttl", "Delay", ("duration", Def.Lit("00:20:00"))), Step("after")));
        string runId = await engine.RunAsync("wait");
        Assert.AreEqual(RunStatus.Suspended, await engine.StatusAsync(runId));

        await using var restarted = engine.Restart();
        restarted.Time.Advance(TimeSpan.FromMinutes(19));
        await restarted.Runner.RunDueWorkAsync(CancellationToken.None);
        Assert.AreEqual(0, restarted.World.RunCount("after"));
        restarted.Time.Advance(TimeSpan.FromMinutes(1));
        await restarted.Runner.RunDueWorkAsync(CancellationToken.None);

        Assert.AreEqual(RunStatus.Completed, await restarted.StatusAsync(runId));
        Assert.AreEqual(1, restarted.World.RunCount("after"));
    }
}
