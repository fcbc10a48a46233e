using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class FlowTests
{
    private static ActivityNode Step(string id) => Def.Node(id, "Test.Step", ("key", Def.Lit(id)));

    private static WorkflowDefinition ForkJoin(string mode) => Def.Flow(
        "fork",
        [
            Def.Node("fork", "Fork", ("branches", Def.Lit(new JsonArray("left", "right")))),
            Step("left"),
            Step("right"),
            Def.Node("join", "Join", ("mode", Def.Lit(mode))),
            Step("after"),
        ],
        [
            Def.Link("fork", "left", "left"),
            Def.Link("fork", "right", "right"),
            Def.Link("left", "join"),
            Def.Link("right", "join"),
            Def.Link("join", "after"),
        ]);

    [TestMethod]
    public async Task Fork_BranchesFinishOutOfOrder_JoinWaitsForBothThenContinuesOnce()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(ForkJoin("WaitAll"));
        engine.World.Hold("left");
        engine.World.Hold("right");
        string runId = await engine.StartAsync("fork");
        var execution = engine.ExecuteInBackground(runId);

        // Both branches are in flight at once: they really run concurrently.
        await Task.WhenAll(engine.World.Entered("left"), engine.World.Entered("right"));
        engine.World.Release("right");
        await WaitUntil(() => engine.World.RunCount("right") == 1);
        Assert.AreEqual(0, engine.World.RunCount("after"), "the join must wait for the left branch");
        engine.World.Release("left");
        await execution;

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        CollectionAssert.AreEqual(new[] { "right", "left", "after" }, engine.World.Order.ToArray());
        Assert.AreEqual(1, (await engine.CompletedAsync(runId)).Count(id => id == "join"));
    }

    [TestMethod]
    public async Task Join_WaitAny_ContinuesAtFirstBranchAndAbsorbsTheSecond()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(ForkJoin("WaitAny"));
        engine.World.Hold("left");
        string runId = await engine.StartAsync("fork");
        var execution = engine.ExecuteInBackground(runId);

        await WaitUntil(() => engine.World.RunCount("after") == 1);
        Assert.AreEqual(0, engine.World.RunCount("left"), "after ran before the slow branch finished");
        engine.World.Release("left");
        await execution;

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        Assert.AreEqual(1, engine.World.RunCount("after"));
        Assert.AreEqual(1, engine.World.RunCount("left"));
    }

    [TestMethod]
    public async Task Decision_FalseBranch_SkipsTrueBranchAndImplicitMergeStillRuns()
    {
        await using var engine = new Engine();
        var definition = Def.Flow(
            "decide",
            [Def.Node("check", "Decision", ("condition", Def.Js("input.force === true"))), Step("yes"), Step("no"), Step("end")],
            [Def.Link("check", "yes", "True"), Def.Link("check", "no", "False"), Def.Link("yes", "end"), Def.Link("no", "end")],
            new WorkflowInput { Name = "force", TypeName = "Boolean", DefaultValue = false });
        await engine.PublishAsync(definition);

        string runId = await engine.RunAsync("decide", new JsonObject { ["force"] = false });

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        CollectionAssert.AreEqual(new[] { "no", "end" }, engine.World.Order.ToArray());
    }

    [TestMethod]
    public async Task Switch_MatchFirst_TakesFirstHoldingCaseOrDefault()
    {
        await using var engine = new Engine();
        var cases = new JsonArray(
            new JsonObject { ["label"] = "Small", ["condition"] = "input.disks >= 0 && input.disks < 5" },
            new JsonObject { ["label"] = "Large", ["condition"] = "input.disks >= 5" });
        var definition = Def.Flow(
            "switch",
            [Def.Node("size", "Switch", ("cases", Def.Lit(cases))), Step("small"), Step("large"), Step("other")],
            [Def.Link("size", "small", "Small"), Def.Link("size", "large", "Large"), Def.Link("size", "other", "Default")],
            new WorkflowInput { Name = "disks", TypeName = "Int32" });
        await engine.PublishAsync(definition);

        await engine.RunAsync("switch", new JsonObject { ["disks"] = 12 });
        await engine.RunAsync("switch", new JsonObject { ["disks"] = 2 });
        await engine.RunAsync("switch", new JsonObject { ["disks"] = -1 });

        CollectionAssert.AreEqual(new[] { "large", "small", "other" }, engine.World.Order.ToArray());
    }

    [TestMethod]
    public async Task ForEach_Parallel_RunsBodiesConcurrentlyWithTheirOwnItem()
    {
        await using var engine = new Engine();
        var body = Def.Node("body", "Test.Step", ("key", Def.Js("'disk-' + variables.currentValue")));
        var each = Def.Node("each", "ForEach", ("items", Def.Lit(new JsonArray("F", "G", "H"))), ("mode", Def.Lit("Parallel")));
        each = new ActivityNode { Id = each.Id, Type = each.Type, Inputs = each.Inputs, Body = body };
        await engine.PublishAsync(Def.Sequence("each", each, Step("done")));
        foreach (string disk in new[] { "disk-F", "disk-G", "disk-H" })
        {
            engine.World.Hold(disk);
        }

        string runId = await engine.StartAsync("each");
        var execution = engine.ExecuteInBackground(runId);
        await Task.WhenAll(engine.World.Entered("disk-F"), engine.World.Entered("disk-G"), engine.World.Entered("disk-H"));
        Assert.AreEqual(0, engine.World.RunCount("done"));
        engine.World.Release("disk-H");
        engine.World.Release("disk-F");
        engine.World.Release("disk-G");
        await execution;

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        CollectionAssert.AreEquivalent(new[] { "disk-F", "disk-G", "disk-H", "done" }, engine.World.Order.ToArray());
        Assert.AreEqual("done", engine.World.Order.Last());
    }

    [TestMethod]
    public async Task ForEach_Sequential_RunsItemsInOrderAndSetVariableAccumulates()
    {
        await using var engine = new Engine();
        var body = Def.Node("add", "SetVariable", ("variable", Def.Lit("seen")), ("value", Def.Js("variables.seen + variables.currentValue")));
        var each = new ActivityNode
        {
            Id = "each",
            Type = "ForEach",
            Inputs = new() { ["items"] = Def.Lit(new JsonArray("a", "b", "c")) },
            Body = body,
        };
        var check = Def.Node("check", "Decision", ("condition", Def.Js("variables.seen === 'abc'")));
        var definition = Def.Flow("acc", [each, check, Step("ok"), Step("wrong")], [Def.Link("each", "check"), Def.Link("check", "ok", "True"), Def.Link("check", "wrong", "False")]);
        definition = definition with { Variables = [new WorkflowVariable { Name = "seen", Value = "" }] };
        await engine.PublishAsync(definition);

        string runId = await engine.RunAsync("acc");

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        CollectionAssert.AreEqual(new[] { "ok" }, engine.World.Order.ToArray());
    }

    [TestMethod]
    public async Task Fail_EndsRunFaultedWithReason()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("fail", Step("a"), Def.Node("stop", "Fail", ("message", Def.Lit("CMS still online at the primary site")))));

        string runId = await engine.RunAsync("fail");

        var run = await engine.RunRecordAsync(runId);
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.IsNotNull(run.FinishedAt);
        Assert.AreEqual("CMS still online at the primary site", run.Fault);
        Assert.AreEqual(1, engine.World.RunCount("a"));
    }

    [TestMethod]
    public async Task Start_InputOfWrongTypeOrUnknown_IsRefusedNamingEachFieldAndCreatesNoRun()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Flow("typed", [Step("a")], [], new WorkflowInput { Name = "count", TypeName = "Int32", Required = true }));

        var error = await Assert.ThrowsExactlyAsync<RunbookHost.Workflows.Runtime.RunRequestException>(
            () => engine.StartAsync("typed", new JsonObject { ["count"] = "many", ["colour"] = "red" }));

        CollectionAssert.AreEquivalent(new[] { "input.count", "input.colour" }, error.Errors.Select(e => e.Path).ToArray());
        Assert.AreEqual(0, (await engine.Runs.ListAsync(new RunQuery(), CancellationToken.None)).Total);
    }

    [TestMethod]
    public async Task Start_NothingToRun_SaysWhetherTheWorkflowOrItsVersionIsMissingOrUnpublished()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Flow("published", [Step("a")], []));
        await engine.Definitions.SaveDraftAsync(Def.Flow("draft", [Step("a")], []), CancellationToken.None);

        async Task<(string Message, string Path)> RefusalAsync(string definitionId, int? version = null)
        {
            var error = await Assert.ThrowsExactlyAsync<RunbookHost.Workflows.Runtime.RunRequestException>(() =>
                engine.Runtime.StartAsync(new RunbookHost.Workflows.Runtime.StartRunRequest(definitionId, version, null, "olga"), CancellationToken.None));
            Assert.IsTrue(error.NotFound);
            return (error.Message, error.Errors.Single().Path);
        }

        Assert.AreEqual(("There is no workflow 'nope'.", "definitionId"), await RefusalAsync("nope"));
        Assert.AreEqual(("Workflow 'draft' has no published version: publish one first.", "definitionId"), await RefusalAsync("draft"));
        Assert.AreEqual(("Workflow 'published' has no version 9.", "version"), await RefusalAsync("published", 9));
        Assert.AreEqual(0, (await engine.Runs.ListAsync(new RunQuery(), CancellationToken.None)).Total);
    }

    /// <summary>Moves the fake clock a step at a time until <paramref name="condition"/> holds (retry delays start after their commit).</summary>
    internal static async Task AdvanceUntil(Engine engine, Func<bool> condition, TimeSpan? step = null)
    {
        for (int i = 0; i < 2000 && !condition(); i++)
        {
            engine.Time.Advance(step ?? TimeSpan.FromSeconds(10));
            await Task.Delay(5);
        }

        Assert.IsTrue(condition(), "the expected state was not reached");
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        // Waits for work on other threads (not for time): bounded so a broken engine fails the test.
        for (int i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.IsTrue(condition(), "the expected state was not reached");
    }
}
