using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class IncidentTests
{
    private static ActivityNode Step(string id) => Def.Node(id, "Test.Step", ("key", Def.Lit(id)));

    private static async Task<(Engine Engine, string RunId, Incident Incident)> FailAsync(int failures)
    {
        var engine = new Engine();
        var decide = Def.Node("flaky", "Test.Flaky", ("key", Def.Lit("flaky")));
        var definition = Def.Flow(
            "incident",
            [Def.Node("check", "Decision", ("condition", Def.Lit(true))), decide, Step("after")],
            [Def.Link("check", "flaky", "True"), Def.Link("flaky", "after")]);
        await engine.PublishAsync(definition);
        engine.World.FailuresLeft["flaky"] = failures;
        string runId = await engine.StartAsync("incident");
        var execution = engine.ExecuteInBackground(runId);
        await FlowTests.AdvanceUntil(engine, () => execution.IsCompleted);
        await execution;
        var incident = (await engine.IncidentsAsync(runId)).Single();
        return (engine, runId, incident);
    }

    [TestMethod]
    public async Task Retries_Exhausted_OpenIncidentWithEveryAttemptJournaled()
    {
        var (engine, runId, incident) = await FailAsync(failures: 5);
        await using var _ = engine;

        Assert.AreEqual(RunStatus.Faulted, await engine.StatusAsync(runId));
        Assert.IsNull((await engine.RunRecordAsync(runId)).FinishedAt, "a run with an open incident waits for an operator");
        Assert.AreEqual(IncidentKind.Fault, incident.Kind);
        Assert.AreEqual(3, incident.Attempts);
        StringAssert.Contains(incident.Message, "Injected failure of flaky");
        Assert.AreEqual(3, engine.World.RunCount("flaky"));
        Assert.AreEqual(2, (await engine.KindsAsync(runId)).Count(k => k == JournalKinds.RetryScheduled));
    }

    [TestMethod]
    public async Task Retries_Exhausted_EveryFailedAttemptsCommandIsJournaledBeforeItsRetryOrIncident()
    {
        var (engine, runId, _) = await FailAsync(failures: 5);
        await using var __ = engine;

        var journal = await engine.JournalAsync(runId);
        var kinds = journal.Where(r => r.ActivityId == "flaky").Select(r => r.Kind).ToList();
        var commands = journal.Where(r => r.Kind == JournalKinds.CommandExecuted).ToList();

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, commands.Select(r => r.Data!["attempt"]!.GetValue<int>()).ToArray());
        CollectionAssert.AreEqual(
            new[]
            {
                JournalKinds.ActivityStarted, JournalKinds.CommandExecuted, JournalKinds.RetryScheduled,
                JournalKinds.ActivityStarted, JournalKinds.CommandExecuted, JournalKinds.RetryScheduled,
                JournalKinds.ActivityStarted, JournalKinds.CommandExecuted, JournalKinds.ActivityFaulted, JournalKinds.IncidentOpened,
            },
            kinds);
        Assert.IsTrue(JournalVerifier.Verify(journal).Valid);
    }

    [TestMethod]
    public async Task Resolve_Retry_RunsTheActivityAgainAndContinues()
    {
        var (engine, runId, incident) = await FailAsync(failures: 3);
        await using var _ = engine;

        var result = await engine.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, IncidentActions.Retry, null, "array fixed", "olga", CancellationToken.None);
        await engine.ExecuteAsync(runId);

        Assert.AreEqual(SignalResult.Accepted, result);
        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        Assert.AreEqual(4, engine.World.RunCount("flaky"));
        var resolved = (await engine.IncidentsAsync(runId)).Single();
        Assert.AreEqual("retry", resolved.Resolution!.Action);
        Assert.AreEqual("olga", resolved.Resolution.ResolvedBy);
        Assert.AreEqual("array fixed", resolved.Resolution.Comment);
        Assert.AreEqual("olga", (await engine.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.IncidentResolved).Actor);
    }

    [TestMethod]
    public async Task Resolve_SkipWithOutcome_ContinuesOnThatOutcomeWithoutRunningIt()
    {
        var (engine, runId, incident) = await FailAsync(failures: 5);
        await using var _ = engine;

        await engine.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, IncidentActions.Skip, "Done", "done by hand", "olga", CancellationToken.None);
        await engine.ExecuteAsync(runId);

        Assert.AreEqual(RunStatus.Completed, await engine.StatusAsync(runId));
        Assert.AreEqual(3, engine.World.RunCount("flaky"));
        Assert.AreEqual(1, engine.World.RunCount("after"));
    }

    [TestMethod]
    public async Task Resolve_Skip_LaterJavaScriptReadsTheSkippedActivitysOutputsAsNull()
    {
        await using var engine = new Engine();
        var definition = Def.Flow(
            "skip-outputs",
            [
                Def.Node("flaky", "Test.Flaky", ("key", Def.Lit("flaky"))),
                Def.Node("unread", "Decision", ("condition", Def.Js("outputs.flaky.reading === null"))),
                Def.Node("stop", "Fail", ("message", Def.Js("'Stopped: flaky read ' + outputs.flaky.reading + '.'"))),
            ],
            [Def.Link("flaky", "unread"), Def.Link("unread", "stop", "True")]);
        await engine.PublishAsync(definition);
        engine.World.FailuresLeft["flaky"] = 5;
        string runId = await engine.StartAsync("skip-outputs");
        var execution = engine.ExecuteInBackground(runId);
        await FlowTests.AdvanceUntil(engine, () => execution.IsCompleted);
        await execution;
        var incident = (await engine.IncidentsAsync(runId)).Single();

        await engine.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, IncidentActions.Skip, "Done", "done by hand", "olga", CancellationToken.None);
        await engine.ExecuteAsync(runId);

        var run = await engine.RunRecordAsync(runId);
        Assert.AreEqual(1, (await engine.IncidentsAsync(runId)).Count, "no second incident: " + run.Fault);
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual("Stopped: flaky read null.", run.Fault, "the Decision saw null, not undefined, and the Fail's message was built");
        var journal = await engine.JournalAsync(runId);
        var skipped = journal.Single(r => r.Kind == JournalKinds.ActivityCompleted && r.ActivityId == "flaky");
        Assert.IsTrue(skipped.Data!["skipped"]!.GetValue<bool>());
        Assert.AreEqual("""{"reading":null}""", skipped.Data["outputs"]!.ToJsonString(), "the skip's record names the outputs it left null");
        Assert.IsTrue(JournalVerifier.Verify(journal).Valid);
        var view = RunView.Activities(run, journal, await engine.DefinitionStore.GetAsync("skip-outputs", run.DefinitionVersion, CancellationToken.None)).Single(a => a.ActivityId == "flaky");
        Assert.AreEqual(("Completed", "Done", 3), (view.Status, view.Outcome, view.Attempt));
    }

    [TestMethod]
    public async Task Resolve_SkipWithUnknownOutcome_IsRefusedAndChangesNothing()
    {
        var (engine, runId, incident) = await FailAsync(failures: 5);
        await using var _ = engine;
        var before = await engine.RunRecordAsync(runId);

        var error = await Assert.ThrowsExactlyAsync<RunRequestException>(() =>
            engine.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, IncidentActions.Skip, "Maybe", string.Empty, "olga", CancellationToken.None));

        Assert.AreEqual("'Maybe' is not an outcome of 'flaky'.", error.Message);
        Assert.AreEqual("outcome", error.Errors.Single().Path);
        StringAssert.Contains(error.Errors.Single().Message, "Done");
        Assert.AreEqual(before.Version, (await engine.RunRecordAsync(runId)).Version);
        Assert.AreEqual(0, (await engine.Runs.GetSignalsAsync(runId, CancellationToken.None)).Count);
    }

    [TestMethod]
    public async Task Resolve_Abort_EndsRunFaultedAndSecondResolutionConflicts()
    {
        var (engine, runId, incident) = await FailAsync(failures: 5);
        await using var _ = engine;

        var first = await engine.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, IncidentActions.Abort, null, "give up", "olga", CancellationToken.None);
        var second = await engine.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, IncidentActions.Retry, null, string.Empty, "amir", CancellationToken.None);
        await engine.ExecuteAsync(runId);

        Assert.AreEqual(SignalResult.Accepted, first);
        Assert.AreEqual(SignalResult.Conflict, second);
        var run = await engine.RunRecordAsync(runId);
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.IsNotNull(run.FinishedAt);
        StringAssert.Contains(run.Fault, "Aborted by olga");
        Assert.AreEqual(0, engine.World.RunCount("after"));
    }

    [TestMethod]
    public async Task Cancel_RunningActivity_IsCancelledAndJournalSaysWhoAndWhy()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("cancel", Step("slow"), Step("after")));
        engine.World.Hold("slow");
        string runId = await engine.StartAsync("cancel");
        var execution = engine.ExecuteInBackground(runId);
        await engine.World.Entered("slow");

        var result = await engine.Runtime.CancelAsync(runId, "maintenance window closed", "olga", CancellationToken.None);
        await execution;

        Assert.AreEqual(SignalResult.Accepted, result);
        var run = await engine.RunRecordAsync(runId);
        Assert.AreEqual(RunStatus.Cancelled, run.Status);
        Assert.AreEqual(0, engine.World.RunCount("slow"), "the activity observed the cancellation and did not finish");
        Assert.AreEqual(0, engine.World.RunCount("after"));
        var cancelled = (await engine.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.RunCancelled);
        Assert.AreEqual("olga", cancelled.Actor);
        StringAssert.Contains(cancelled.Message, "maintenance window closed");
        Assert.AreEqual(SignalResult.Conflict, await engine.Runtime.CancelAsync(runId, "again", "olga", CancellationToken.None));
    }

    [TestMethod]
    public async Task Cancel_SuspendedRun_ClosesItsApprovals()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("gate", Def.Node("ok", "Approval", ("title", Def.Lit("Go?")))));
        string runId = await engine.RunAsync("gate");
        var bookmark = (await engine.PendingAsync(runId)).Single();

        await engine.Runtime.CancelAsync(runId, "not needed", "olga", CancellationToken.None);
        await engine.ExecuteAsync(runId);

        Assert.AreEqual(RunStatus.Cancelled, await engine.StatusAsync(runId));
        Assert.AreEqual(0, (await engine.PendingAsync(runId)).Count);
        Assert.AreEqual(SignalResult.Conflict, await engine.Runtime.ResumeAsync(bookmark.BookmarkId, new JsonObject { ["decision"] = "approve" }, "amir", CancellationToken.None));
    }

    [TestMethod]
    public async Task Run_AfterNewerVersionIsPublished_StaysOnItsVersion()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("versioned", Def.Node("gate", "ManualStep", ("title", Def.Lit("t")), ("instructions", Def.Lit("i"))), Step("v1-step")));
        string runId = await engine.RunAsync("versioned");
        await engine.PublishAsync(Def.Sequence("versioned", Def.Node("gate", "ManualStep", ("title", Def.Lit("t")), ("instructions", Def.Lit("i"))), Step("v2-step")));

        var bookmark = (await engine.PendingAsync(runId)).Single();
        await engine.Runtime.ResumeAsync(bookmark.BookmarkId, [], "olga", CancellationToken.None);
        await engine.ExecuteAsync(runId);
        string newRun = await engine.RunAsync("versioned");

        Assert.AreEqual(1, (await engine.RunRecordAsync(runId)).DefinitionVersion);
        Assert.AreEqual(1, engine.World.RunCount("v1-step"));
        Assert.AreEqual(0, engine.World.RunCount("v2-step"));
        Assert.AreEqual(2, (await engine.RunRecordAsync(newRun)).DefinitionVersion);
    }

    [TestMethod]
    public async Task Start_DraftOnly_IsRefusedUntilPublished()
    {
        await using var engine = new Engine();
        await engine.Definitions.SaveDraftAsync(Def.Sequence("draft", Step("a")), CancellationToken.None);

        var error = await Assert.ThrowsExactlyAsync<RunRequestException>(() => engine.StartAsync("draft"));

        Assert.IsTrue(error.NotFound);
        StringAssert.Contains(error.Message, "published");
    }
}
