using System.Text.Json.Nodes;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

/// <summary>
/// What people see of a run's activities: completed ones come from the journal (the run's state keeps
/// only what is in progress), the rest from the state.
/// </summary>
[TestClass]
public sealed class RunViewTests
{
    private static ActivityNode Step(string id) => Def.Node(id, "Test.Step", ("key", Def.Lit(id)));

    [TestMethod]
    public async Task Activities_RunWaitingAfterStepsIterationsAndARetry_ListsEachWithItsStatusPathAndAttempt()
    {
        await using var engine = new Engine();
        var each = new ActivityNode
        {
            Id = "each",
            Type = "ForEach",
            Inputs = new() { ["items"] = Def.Lit(new JsonArray("F", "G")) },
            Body = Def.Node("disk", "Test.Step", ("key", Def.Js("'disk-' + variables.currentValue"))),
        };
        var flaky = Def.Node("flaky", "Test.Flaky", ("key", Def.Lit("flaky")));
        var gate = Def.Node("confirm", "Approval", ("title", Def.Lit("Confirm the primary site is offline")));
        var definition = Def.Flow(
            "view",
            [Step("first"), each, flaky, gate, Step("after")],
            [Def.Link("first", "each"), Def.Link("each", "flaky"), Def.Link("flaky", "confirm"), Def.Link("confirm", "after", "Approved")]);
        await engine.PublishAsync(definition);
        engine.World.FailuresLeft["flaky"] = 1;

        string runId = await engine.StartAsync("view");
        var execution = engine.ExecuteInBackground(runId);
        await FlowTests.AdvanceUntil(engine, () => execution.IsCompleted);
        await execution;
        Assert.AreEqual(RunStatus.Suspended, await engine.StatusAsync(runId));

        var run = await engine.RunRecordAsync(runId);
        var definitionVersion = await engine.DefinitionStore.GetAsync("view", run.DefinitionVersion, CancellationToken.None);
        var views = RunView.Activities(run, await engine.JournalAsync(runId), definitionVersion);

        var byPath = views.ToDictionary(v => v.Path);
        CollectionAssert.AreEquivalent(
            new[] { "root", "root/first", "root/each", "root/each[0]/disk", "root/each[1]/disk", "root/flaky", "root/confirm" },
            byPath.Keys.ToArray());
        Assert.AreEqual("Executing", byPath["root"].Status);
        Assert.AreEqual("Suspended", byPath["root/confirm"].Status);
        Assert.AreEqual("Approval", byPath["root/confirm"].Type);
        foreach (string path in new[] { "root/first", "root/each", "root/each[0]/disk", "root/each[1]/disk", "root/flaky" })
        {
            Assert.AreEqual("Completed", byPath[path].Status, path);
            Assert.AreEqual("Done", byPath[path].Outcome, path);
            Assert.IsNotNull(byPath[path].CompletedAt, path);
        }

        Assert.AreEqual("disk", byPath["root/each[1]/disk"].ActivityId);
        Assert.AreEqual("Test.Step", byPath["root/each[1]/disk"].Type);
        Assert.AreEqual("ForEach", byPath["root/each"].Type);
        Assert.AreEqual(2, byPath["root/flaky"].Attempt, "the retry completed it");
        Assert.AreEqual(1, byPath["root/first"].Attempt);
        Assert.IsTrue(byPath["root/flaky"].StartedAt < byPath["root/flaky"].CompletedAt, "a command's start is its first attempt's");
    }

    [TestMethod]
    public async Task State_AfterALongSequence_HoldsOnlyWhatIsInProgress()
    {
        await using var engine = new Engine();
        var steps = Enumerable.Range(1, 30).Select(i => Step($"s{i}")).Append(Def.Node("confirm", "Approval", ("title", Def.Lit("Go on?")))).ToArray();
        await engine.PublishAsync(Def.Sequence("long", steps));

        string runId = await engine.RunAsync("long");

        var run = await engine.RunRecordAsync(runId);
        var state = RunState.Deserialize(run.State);
        CollectionAssert.AreEquivalent(new[] { "root", "root/confirm" }, state.Activities.Keys.ToArray());
        var views = RunView.Activities(run, await engine.JournalAsync(runId), await engine.DefinitionStore.GetAsync("long", run.DefinitionVersion, CancellationToken.None));
        Assert.AreEqual(32, views.Count);
        Assert.AreEqual(30, views.Count(v => v.Status == "Completed"));
    }
}
