using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Runs;

public abstract partial class RunStoreContract
{
    [TestMethod]
    public async Task FireDueTimersAsync_DueTimer_QueuesOneTimerResumeOnce()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        var due = RunScript.T0.AddMinutes(5);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("early", "Delay", due), run.Bookmark("late", "Delay", due.AddHours(1)), run.Bookmark("gate")]);

        Assert.AreEqual(due, await Store.NextTimerAsync(Ct));
        Assert.IsEmpty(await Store.FireDueTimersAsync(due.AddTicks(-10), 10, Ct), "not due yet");
        var touched = await Store.FireDueTimersAsync(due, 10, Ct);
        var again = await OtherHost().FireDueTimersAsync(due.AddMinutes(1), 10, Ct);

        CollectionAssert.AreEqual(new[] { "run-1" }, touched.ToArray());
        Assert.IsEmpty(again);
        var signal = (await Store.GetSignalsAsync("run-1", Ct)).Single();
        Assert.AreEqual("early", signal.BookmarkId);
        Assert.IsTrue(signal.ByTimer);
        Assert.AreEqual(SignalKind.Resume, signal.Kind);
        Assert.AreEqual(due, signal.At);
        Assert.AreEqual(due.AddHours(1), await Store.NextTimerAsync(Ct));
        Assert.AreEqual(SignalResult.Conflict, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Resume, bookmarkId: "early"), Ct));
    }

    [TestMethod]
    public async Task FireDueTimersAsync_ManyDue_RespectsMaxAndEarliestFirst()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [.. Enumerable.Range(1, 5).Select(i => run.Bookmark("t" + i, "Delay", RunScript.T0.AddSeconds(10 - i)))]);
        var other = new RunScript("run-2", status: RunStatus.Suspended);
        await other.CommitAsync(Store, Ct, addBookmarks: [other.Bookmark("u1", "Delay", RunScript.T0.AddSeconds(30))]);

        var first = await Store.FireDueTimersAsync(RunScript.T0.AddMinutes(1), 2, Ct);
        var queued = await Store.GetSignalsAsync("run-1", Ct);
        var rest = await Store.FireDueTimersAsync(RunScript.T0.AddMinutes(1), 100, Ct);

        CollectionAssert.AreEqual(new[] { "run-1" }, first.ToArray());
        CollectionAssert.AreEquivalent(new[] { "t5", "t4" }, queued.Select(s => s.BookmarkId).ToArray());
        CollectionAssert.AreEquivalent(new[] { "run-1", "run-2" }, rest.ToArray());
        Assert.HasCount(5, await Store.GetSignalsAsync("run-1", Ct));
        Assert.IsNull(await Store.NextTimerAsync(Ct));
    }

    [TestMethod]
    public async Task NextTimerAsync_TimerConsumed_IsNull()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("d1", "Delay", RunScript.T0.AddMinutes(1))]);
        await run.CommitAsync(Store, Ct, consumeBookmarks: ["d1"]);

        Assert.IsNull(await Store.NextTimerAsync(Ct));
        Assert.IsEmpty(await Store.FireDueTimersAsync(RunScript.T0.AddDays(1), 10, Ct));
    }

    [TestMethod]
    public async Task FindRunnableAsync_RunningOrSignalledWithoutLiveLease_Found()
    {
        var running = new RunScript("running");
        await running.CommitAsync(Store, Ct);
        var waiting = new RunScript("waiting", status: RunStatus.Suspended);
        await waiting.CommitAsync(Store, Ct, addBookmarks: [waiting.Bookmark("w1")]);
        var signalled = new RunScript("signalled", status: RunStatus.Suspended, startedAt: RunScript.T0.AddSeconds(-5));
        await signalled.CommitAsync(Store, Ct, addBookmarks: [signalled.Bookmark("s1")]);
        await Store.EnqueueSignalAsync(signalled.Signal(SignalKind.Resume, bookmarkId: "s1"), Ct);
        var done = new RunScript("done", status: RunStatus.Completed);
        await done.CommitAsync(Store, Ct, r => r with { FinishedAt = r.StartedAt });
        var now = RunScript.T0.AddMinutes(1);

        var runnable = await Store.FindRunnableAsync(now, 10, Ct);
        Assert.IsTrue(await Store.TryAcquireLeaseAsync("running", "host-a", now, now.AddSeconds(30), Ct));
        var whileLeased = await Store.FindRunnableAsync(now.AddSeconds(29), 10, Ct);
        var afterExpiry = await Store.FindRunnableAsync(now.AddSeconds(30), 10, Ct);
        var limited = await Store.FindRunnableAsync(now.AddSeconds(30), 1, Ct);

        CollectionAssert.AreEqual(new[] { "signalled", "running" }, runnable.ToArray(), "least recently updated first");
        CollectionAssert.AreEqual(new[] { "signalled" }, whileLeased.ToArray());
        CollectionAssert.AreEqual(new[] { "signalled", "running" }, afterExpiry.ToArray());
        CollectionAssert.AreEqual(new[] { "signalled" }, limited.ToArray());
    }

    [TestMethod]
    public async Task AcquireAsync_Free_ReturnsTheRunAsCommitted_HeldByAnother_NullUntilExpired()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        await run.CommitAsync(Store, Ct);
        var now = RunScript.T0;
        var other = OtherHost();

        var acquired = await Store.AcquireAsync("run-1", "host-a", now, now.AddSeconds(30), Ct);
        Assert.IsNotNull(acquired);
        Assert.AreEqual(run.Run.Version, acquired.Run.Version);
        Assert.AreEqual(run.Run.LastSeq, acquired.Run.LastSeq);
        Assert.AreEqual(run.Run.LastHash, acquired.Run.LastHash);
        CollectionAssert.AreEqual(run.Run.State, acquired.Run.State);
        Assert.AreEqual(run.Run.UpdatedAt, acquired.Run.UpdatedAt);
        Assert.IsFalse(acquired.SignalsWaiting, "nothing was queued for it");
        Assert.IsNotNull(await Store.AcquireAsync("run-1", "host-a", now.AddSeconds(1), now.AddSeconds(31), Ct), "the owner may take it again");
        Assert.IsNull(await other.AcquireAsync("run-1", "host-b", now.AddSeconds(30), now.AddSeconds(60), Ct));
        Assert.IsFalse(await other.RenewLeaseAsync("run-1", "host-b", now.AddSeconds(60), Ct), "refused: the lease stayed host-a's");
        Assert.AreEqual("run-1", (await other.AcquireAsync("run-1", "host-b", now.AddSeconds(31), now.AddSeconds(60), Ct))?.Run.RunId, "an expired lease is free");
        Assert.IsFalse(await Store.RenewLeaseAsync("run-1", "host-a", now.AddSeconds(90), Ct), "host-a lost it");
        Assert.IsNull(await Store.AcquireAsync("run-unknown", "host-a", now, now.AddSeconds(30), Ct));
    }

    [TestMethod]
    public async Task AcquireAsync_SignalQueued_SaysSignalsWait_UntilACommitConsumesThem()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var now = RunScript.T0;
        var cancel = run.Signal(SignalKind.Cancel, signalId: "cancel-1");
        Assert.AreEqual(SignalResult.Accepted, await Store.EnqueueSignalAsync(cancel, Ct));

        var queued = await Store.AcquireAsync("run-1", "host-a", now, now.AddSeconds(30), Ct);
        await run.CommitAsync(Store, Ct, consumeSignals: [cancel.SignalId]);
        var consumed = await Store.AcquireAsync("run-1", "host-a", now.AddSeconds(1), now.AddSeconds(31), Ct);

        Assert.IsTrue(queued?.SignalsWaiting, "the cancellation was queued when the lease was taken");
        Assert.IsFalse(consumed?.SignalsWaiting, "the commit consumed it");
    }

    [TestMethod]
    public async Task TryAcquireLeaseAsync_HeldByAnother_FalseUntilExpired()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var now = RunScript.T0;
        var other = OtherHost();

        Assert.IsTrue(await Store.TryAcquireLeaseAsync("run-1", "host-a", now, now.AddSeconds(30), Ct));
        Assert.IsTrue(await Store.TryAcquireLeaseAsync("run-1", "host-a", now.AddSeconds(1), now.AddSeconds(31), Ct), "the owner may take it again");
        Assert.IsFalse(await other.TryAcquireLeaseAsync("run-1", "host-b", now.AddSeconds(30), now.AddSeconds(60), Ct));
        Assert.IsFalse(await other.RenewLeaseAsync("run-1", "host-b", now.AddSeconds(60), Ct));
        Assert.IsTrue(await Store.RenewLeaseAsync("run-1", "host-a", now.AddSeconds(90), Ct));
        Assert.IsFalse(await other.TryAcquireLeaseAsync("run-1", "host-b", now.AddSeconds(89), now.AddSeconds(120), Ct));
        Assert.IsTrue(await other.TryAcquireLeaseAsync("run-1", "host-b", now.AddSeconds(90), now.AddSeconds(120), Ct), "an expired lease is free");
        Assert.IsFalse(await Store.RenewLeaseAsync("run-1", "host-a", now.AddSeconds(150), Ct), "host-a lost it");
        Assert.IsFalse(await Store.TryAcquireLeaseAsync("run-unknown", "host-a", now, now.AddSeconds(30), Ct));
    }

    [TestMethod]
    public async Task ReleaseLeaseAsync_ByOwner_FreesRunForOthersButNotByStranger()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var now = RunScript.T0;
        await Store.TryAcquireLeaseAsync("run-1", "host-a", now, now.AddMinutes(5), Ct);

        await Store.ReleaseLeaseAsync("run-1", "host-b", Ct);
        Assert.IsFalse(await Store.TryAcquireLeaseAsync("run-1", "host-b", now, now.AddMinutes(5), Ct));
        await Store.ReleaseLeaseAsync("run-1", "host-a", Ct);
        Assert.IsTrue(await Store.TryAcquireLeaseAsync("run-1", "host-b", now, now.AddMinutes(5), Ct));
        Assert.IsFalse(await Store.RenewLeaseAsync("run-1", "host-a", now.AddMinutes(6), Ct));
    }

    [TestMethod]
    public async Task CommitAsync_WhileLeased_KeepsLease()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var now = RunScript.T0;
        await Store.TryAcquireLeaseAsync("run-1", "host-a", now, now.AddMinutes(5), Ct);

        await run.CommitAsync(Store, Ct);

        Assert.IsFalse(await OtherHost().TryAcquireLeaseAsync("run-1", "host-b", now.AddMinutes(1), now.AddMinutes(2), Ct));
        Assert.IsEmpty(await Store.FindRunnableAsync(now.AddMinutes(1), 10, Ct));
    }

    [TestMethod]
    public async Task ListAsync_FilterAndPage_ReturnsNewestFirstWithTotal()
    {
        for (int i = 0; i < 7; i++)
        {
            var run = new RunScript($"run-{i}", i % 2 == 0 ? "activation" : "failback", RunScript.T0.AddMinutes(i), i < 5 ? RunStatus.Running : RunStatus.Completed);
            await run.CommitAsync(Store, Ct);
        }

        var firstPage = await Store.ListAsync(new RunQuery(Take: 3), Ct);
        var secondPage = await Store.ListAsync(new RunQuery(Skip: 3, Take: 3), Ct);
        var activationRunning = await Store.ListAsync(new RunQuery(RunStatus.Running, "activation"), Ct);
        var none = await Store.ListAsync(new RunQuery(RunStatus.Cancelled), Ct);
        var pastTheEnd = await Store.ListAsync(new RunQuery(Skip: 7, Take: 3), Ct);
        var countOnly = await Store.ListAsync(new RunQuery(Status: RunStatus.Completed, Take: 0), Ct);

        CollectionAssert.AreEqual(new[] { "run-6", "run-5", "run-4" }, firstPage.Items.Select(r => r.RunId).ToArray());
        Assert.AreEqual(7, firstPage.Total);
        CollectionAssert.AreEqual(new[] { "run-3", "run-2", "run-1" }, secondPage.Items.Select(r => r.RunId).ToArray());
        CollectionAssert.AreEqual(new[] { "run-4", "run-2", "run-0" }, activationRunning.Items.Select(r => r.RunId).ToArray());
        Assert.AreEqual(3, activationRunning.Total);
        Assert.IsEmpty(none.Items);
        Assert.AreEqual(0, none.Total);
        Assert.IsEmpty(pastTheEnd.Items);
        Assert.AreEqual(7, pastTheEnd.Total, "a page past the end still says how many there are");
        Assert.IsEmpty(countOnly.Items);
        Assert.AreEqual(2, countOnly.Total);
    }
}
