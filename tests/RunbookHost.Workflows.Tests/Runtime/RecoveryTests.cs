using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Stores;
using RunbookHost.Workflows.Tests.Support;

namespace RunbookHost.Workflows.Tests.Runtime;

/// <summary>
/// A "crash" is an engine stopped mid-run; a new engine over the same stores is the restarted host.
/// </summary>
[TestClass]
public sealed class RecoveryTests
{
    private static ActivityNode Step(string id) => Def.Node(id, "Test.Step", ("key", Def.Lit(id)));

    private static async Task<(Engine Engine, string RunId)> CrashWhileRunningAsync(WorkflowDefinition definition, string gate)
    {
        var engine = new Engine();
        await engine.PublishAsync(definition);
        engine.World.Hold(gate);
        string runId = await engine.StartAsync(definition.DefinitionId);
        var execution = engine.ExecuteInBackground(runId);
        await engine.World.Entered(gate);
        await engine.CrashAsync(execution);
        return (engine, runId);
    }

    [TestMethod]
    public async Task Recover_IdempotentActivityInterrupted_RunsItAgainAndCompletes()
    {
        var (crashed, runId) = await CrashWhileRunningAsync(Def.Sequence("idem", Def.Node("set", "Test.Idempotent", ("key", Def.Lit("set"))), Step("after")), "set");
        await using var _ = crashed;
        crashed.World.Release("set");

        await using var restarted = crashed.Restart();
        await restarted.ExecuteAsync(runId);

        Assert.AreEqual(RunStatus.Completed, await restarted.StatusAsync(runId));
        Assert.AreEqual(2, restarted.World.RunCount("set"), "an idempotent command is simply run again");
        Assert.IsTrue((await restarted.KindsAsync(runId)).Contains(JournalKinds.RunRecovered));
        Assert.IsTrue(JournalVerifier.Verify(await restarted.JournalAsync(runId)).Valid);
    }

    [TestMethod]
    public async Task Recover_NonIdempotentActivityInterrupted_OpensInDoubtIncidentInsteadOfRunningAgain()
    {
        var (crashed, runId) = await CrashWhileRunningAsync(Def.Sequence("recover", Def.Node("recoverCms", "Test.Command", ("key", Def.Lit("recoverCms"))), Step("after")), "recoverCms");
        await using var _ = crashed;
        crashed.World.Release("recoverCms");

        await using var restarted = crashed.Restart();
        await restarted.ExecuteAsync(runId);

        Assert.AreEqual(1, restarted.World.RunCount("recoverCms"), "the command must not run a second time by itself");
        Assert.AreEqual(RunStatus.Faulted, await restarted.StatusAsync(runId));
        var incident = (await restarted.IncidentsAsync(runId)).Single();
        Assert.AreEqual(IncidentKind.InDoubt, incident.Kind);
        StringAssert.Contains(incident.Message, "may have run");
        Assert.AreEqual(0, restarted.World.RunCount("after"));

        // The operator checked and decides the command did take effect: skip it.
        await restarted.Runtime.ResolveIncidentAsync(runId, incident.IncidentId, "skip", null, "setup log shows success", "olga", CancellationToken.None);
        await restarted.ExecuteAsync(runId);
        Assert.AreEqual(RunStatus.Completed, await restarted.StatusAsync(runId));
        Assert.AreEqual(1, restarted.World.RunCount("recoverCms"));
        Assert.AreEqual(1, restarted.World.RunCount("after"));
    }

    [TestMethod]
    public async Task Recover_ReconcilableActivityThatTookEffect_CompletesWithoutRunningAgain()
    {
        var definition = Def.Sequence("flip", Def.Node("flip", "Test.Flip", ("site", Def.Lit("standby"))), Step("after"));
        var (crashed, runId) = await CrashWhileRunningAsync(definition, "flip");
        await using var _ = crashed;

        // The array did flip before the host died.
        crashed.World.ReadWriteSite = "standby";
        await using var restarted = crashed.Restart();
        await restarted.ExecuteAsync(runId);

        Assert.AreEqual(RunStatus.Completed, await restarted.StatusAsync(runId));
        Assert.AreEqual(1, restarted.World.RunCount("flip"));
        var reconciled = (await restarted.JournalAsync(runId)).Single(r => r.Kind == JournalKinds.ActivityReconciled);
        Assert.AreEqual("AlreadyDone", reconciled.Data!["verdict"]!.ToString());
    }

    [TestMethod]
    public async Task Recover_ReconcilableActivityThatTookEffect_LaterJavaScriptReadsOutputsItDidNotGiveAsNull()
    {
        var definition = Def.Flow(
            "flip-outputs",
            [
                Def.Node("flip", "Test.Flip", ("site", Def.Lit("standby"))),
                Def.Node("noTranscript", "Decision", ("condition", Def.Js("outputs.flip.transcript === null"))),
                Def.Node("stop", "Fail", ("message", Def.Js("'Flipped to ' + outputs.flip.readWrite + '; transcript ' + outputs.flip.transcript + '.'"))),
            ],
            [Def.Link("flip", "noTranscript"), Def.Link("noTranscript", "stop", "True")]);
        var (crashed, runId) = await CrashWhileRunningAsync(definition, "flip");
        await using var _ = crashed;

        // The array did flip before the host died; the command's own output is lost with the host.
        crashed.World.ReadWriteSite = "standby";
        await using var restarted = crashed.Restart();
        await restarted.ExecuteAsync(runId);

        var run = await restarted.RunRecordAsync(runId);
        Assert.AreEqual(0, (await restarted.IncidentsAsync(runId)).Count, "no incident: " + run.Fault);
        Assert.AreEqual(RunStatus.Faulted, run.Status);
        Assert.AreEqual("Flipped to standby; transcript null.", run.Fault, "what reconciliation read is kept, what it could not give reads as null, not undefined");
        Assert.AreEqual(1, restarted.World.RunCount("flip"));
        var journal = await restarted.JournalAsync(runId);
        var completed = journal.Single(r => r.Kind == JournalKinds.ActivityCompleted && r.ActivityId == "flip");
        Assert.IsTrue(completed.Data!["reconciled"]!.GetValue<bool>());
        Assert.AreEqual("""{"transcript":null}""", completed.Data["outputs"]!.ToJsonString(), "the record names the outputs it left null");
        Assert.IsTrue(JournalVerifier.Verify(journal).Valid);
    }

    [TestMethod]
    public async Task Recover_ReconcilableActivityThatDidNotTakeEffect_RunsItAgain()
    {
        var definition = Def.Sequence("flip", Def.Node("flip", "Test.Flip", ("site", Def.Lit("standby"))), Step("after"));
        var (crashed, runId) = await CrashWhileRunningAsync(definition, "flip");
        await using var _ = crashed;
        crashed.World.Release("flip");

        await using var restarted = crashed.Restart();
        await restarted.ExecuteAsync(runId);

        Assert.AreEqual(RunStatus.Completed, await restarted.StatusAsync(runId));
        Assert.AreEqual(2, restarted.World.RunCount("flip"), "the array said the flip had not happened, so it ran again");
        Assert.AreEqual("standby", restarted.World.ReadWriteSite);
    }

    [TestMethod]
    public async Task Recover_PendingRetry_SurvivesRestartAndRunsAtItsTime()
    {
        await using var engine = new Engine();
        await engine.PublishAsync(Def.Sequence("flaky", Def.Node("flaky", "Test.Flaky", ("key", Def.Lit("flaky"))), Step("after")));
        engine.World.FailuresLeft["flaky"] = 1;
        string runId = await engine.StartAsync("flaky");
        var execution = engine.ExecuteInBackground(runId);
        await FlowTests.WaitUntil(() => engine.KindsAsync(runId).Result.Contains(JournalKinds.RetryScheduled));
        await engine.CrashAsync(execution);
        Assert.AreEqual(1, engine.World.RunCount("flaky"));

        await using var restarted = engine.Restart();
        var resumed = restarted.ExecuteInBackground(runId);
        await FlowTests.WaitUntil(() => restarted.KindsAsync(runId).Result.Contains(JournalKinds.RunRecovered));
        restarted.Time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(20);
        Assert.AreEqual(1, restarted.World.RunCount("flaky"), "the retry waits for its time, also after a restart");
        await FlowTests.AdvanceUntil(restarted, () => resumed.IsCompleted);
        await resumed;

        Assert.AreEqual(RunStatus.Completed, await restarted.StatusAsync(runId));
        Assert.AreEqual(2, restarted.World.RunCount("flaky"));
        var journal = await restarted.JournalAsync(runId);
        var retry = journal.Single(r => r.Kind == JournalKinds.RetryScheduled);
        Assert.AreEqual(2, retry.Data!["nextAttempt"]!.GetValue<int>());
        Assert.IsTrue(journal.Any(r => r.Kind == JournalKinds.ActivityStarted && r.Data?["attempt"]?.GetValue<int>() == 2));
    }

    [TestMethod]
    public async Task Commit_AfterAnotherHostTookOver_IsRefusedAndNothingIsOverwritten()
    {
        var definition = Def.Sequence("takeover", Def.Node("slow", "Test.Step", ("key", Def.Lit("slow"))), Step("after"));
        var partitionable = new PartitionableRunStore(new Stores.InMemory.InMemoryRunStore());
        await using var first = new Engine(partitionable);
        await first.PublishAsync(definition);
        first.World.Hold("slow");
        string runId = await first.StartAsync("takeover");
        var stale = first.ExecuteInBackground(runId);
        await first.World.Entered("slow");

        // A step without side effects is committed as started once its body is under way.
        await FlowTests.WaitUntil(() => first.JournalAsync(runId).Result.Any(r => r.Kind == JournalKinds.ActivityStarted && r.ActivityId == "slow"));

        // The first host loses the database long enough for its lease to expire; a second host adopts the run.
        partitionable.Partitioned = true;
        await using var second = new Engine(partitionable.Inner, first.DefinitionStore, first.Time, first.World);
        second.Time.Advance(TimeSpan.FromMinutes(5));
        var adopted = second.ExecuteInBackground(runId);
        await FlowTests.WaitUntil(() => second.KindsAsync(runId).Result.Contains(JournalKinds.RunRecovered));
        partitionable.Partitioned = false;
        second.World.Release("slow");
        await adopted;
        await stale;

        Assert.AreEqual(RunStatus.Completed, await second.StatusAsync(runId));
        Assert.AreEqual(1, second.World.RunCount("after"), "the stale host's late result did not run the next step again");
        Assert.AreEqual(1, (await second.CompletedAsync(runId)).Count(id => id == "slow"));
        Assert.IsTrue(JournalVerifier.Verify(await second.JournalAsync(runId)).Valid);
    }
}
