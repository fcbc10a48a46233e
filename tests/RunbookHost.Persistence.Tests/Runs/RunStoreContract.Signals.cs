using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Runs;

public abstract partial class RunStoreContract
{
    [TestMethod]
    public async Task EnqueueSignalAsync_TwentyParallelResumesFromSeparateHosts_ExactlyOneAccepted()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("b1")]);
        var hosts = Enumerable.Range(0, 20).Select(_ => OtherHost()).ToList();
        using var start = new ManualResetEventSlim();

        var racing = hosts.Select((host, i) => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await host.EnqueueSignalAsync(run.Signal(SignalKind.Resume, bookmarkId: "b1", actor: "approver-" + i), Ct);
        }, Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(racing);

        Assert.AreEqual(1, results.Count(r => r == SignalResult.Accepted));
        Assert.AreEqual(19, results.Count(r => r == SignalResult.Conflict));
        var queued = await Store.GetSignalsAsync("run-1", Ct);
        Assert.HasCount(1, queued);
        Assert.AreEqual("b1", queued[0].BookmarkId);
        Assert.IsEmpty(await Store.GetBookmarksAsync(new BookmarkQuery("run-1"), Ct), "a bookmark with a queued resume is no longer pending");
    }

    [TestMethod]
    public async Task EnqueueSignalAsync_ResumeAfterBookmarkConsumed_Conflict()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("b1")]);
        var resume = run.Signal(SignalKind.Resume, bookmarkId: "b1");
        Assert.AreEqual(SignalResult.Accepted, await Store.EnqueueSignalAsync(resume, Ct));
        var applied = await run.CommitAsync(Store, Ct, r => r with { Status = RunStatus.Running }, consumeBookmarks: ["b1"], consumeSignals: [resume.SignalId]);

        var again = await Store.EnqueueSignalAsync(run.Signal(SignalKind.Resume, bookmarkId: "b1"), Ct);

        Assert.AreEqual(SignalResult.Conflict, again);
        Assert.IsEmpty(await Store.GetSignalsAsync("run-1", Ct));
        var bookmark = await Store.FindBookmarkAsync("b1", Ct);
        Assert.AreEqual(applied.Run.UpdatedAt, bookmark!.ConsumedAt);
        Assert.IsEmpty(await Store.GetBookmarksAsync(new BookmarkQuery("run-1"), Ct));
        Assert.HasCount(1, await Store.GetBookmarksAsync(new BookmarkQuery("run-1", PendingOnly: false), Ct));
    }

    [TestMethod]
    public async Task EnqueueSignalAsync_UnknownTargets_NotFound()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("b1")]);
        var other = new RunScript("run-2");
        await other.CommitAsync(Store, Ct);

        Assert.AreEqual(SignalResult.NotFound, await Store.EnqueueSignalAsync(new RunScript("run-x").Signal(SignalKind.Cancel), Ct));
        Assert.AreEqual(SignalResult.NotFound, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Resume, bookmarkId: "nope"), Ct));
        Assert.AreEqual(SignalResult.NotFound, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Resume), Ct));
        Assert.AreEqual(SignalResult.NotFound, await Store.EnqueueSignalAsync(other.Signal(SignalKind.Resume, bookmarkId: "b1"), Ct), "b1 belongs to run-1");
        Assert.AreEqual(SignalResult.NotFound, await Store.EnqueueSignalAsync(run.Signal(SignalKind.ResolveIncident, incidentId: "i-x"), Ct));
        Assert.IsEmpty(await Store.GetSignalsAsync("run-1", Ct));
    }

    [TestMethod]
    public async Task EnqueueSignalAsync_ResolveIncident_OneWinsThenResolvedConflicts()
    {
        var run = new RunScript("run-1", status: RunStatus.Faulted);
        await run.CommitAsync(Store, Ct, incidents: [run.Incident("i1")]);
        var hosts = Enumerable.Range(0, 8).Select(_ => OtherHost()).ToList();

        var results = await Task.WhenAll(hosts.Select(h => Task.Run(() => h.EnqueueSignalAsync(run.Signal(SignalKind.ResolveIncident, incidentId: "i1"), Ct), Ct)));

        Assert.AreEqual(1, results.Count(r => r == SignalResult.Accepted));
        var signal = (await Store.GetSignalsAsync("run-1", Ct)).Single();
        var resolution = new IncidentResolution("skip", "Done", "checked by hand", "bob", run.Run.UpdatedAt.AddSeconds(30));
        await run.CommitAsync(Store, Ct, r => r with { Status = RunStatus.Running }, incidents: [run.Incident("i1", resolution)], consumeSignals: [signal.SignalId]);

        Assert.AreEqual(SignalResult.Conflict, await Store.EnqueueSignalAsync(run.Signal(SignalKind.ResolveIncident, incidentId: "i1"), Ct));
        var incident = (await Store.GetIncidentsAsync("run-1", Ct)).Single();
        Assert.IsFalse(incident.IsOpen);
        Assert.AreEqual(resolution, incident.Resolution);
        Assert.AreEqual(IncidentKind.InDoubt, incident.Kind);
        Assert.AreEqual(3, incident.Attempts);
    }

    [TestMethod]
    public async Task GetIncidentsAsync_TwoIncidents_OrderedByOpenedAt()
    {
        var run = new RunScript("run-1", status: RunStatus.Faulted);
        await run.CommitAsync(Store, Ct, incidents: [run.Incident("i-late") with { OpenedAt = RunScript.T0.AddHours(1) }, run.Incident("i-early")]);

        var incidents = await Store.GetIncidentsAsync("run-1", Ct);

        CollectionAssert.AreEqual(new[] { "i-early", "i-late" }, incidents.Select(i => i.IncidentId).ToArray());
        Assert.IsTrue(incidents.All(i => i.IsOpen));
        Assert.AreEqual("in doubt: the command may have run", incidents[0].Message);
        Assert.IsEmpty(await Store.GetIncidentsAsync("run-unknown", Ct));
    }

    [TestMethod]
    public async Task EnqueueSignalAsync_CancelTwiceThenFinished_Conflict()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var cancel = run.Signal(SignalKind.Cancel);

        Assert.AreEqual(SignalResult.Accepted, await Store.EnqueueSignalAsync(cancel, Ct));
        Assert.AreEqual(SignalResult.Conflict, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Cancel), Ct));
        await run.CommitAsync(Store, Ct, r => r with { Status = RunStatus.Cancelled, FinishedAt = r.UpdatedAt }, consumeSignals: [cancel.SignalId]);
        Assert.AreEqual(SignalResult.Conflict, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Cancel), Ct));
        Assert.IsEmpty(await Store.GetSignalsAsync("run-1", Ct));
    }

    [TestMethod]
    public async Task EnqueueSignalAsync_RunFinishedWithUnconsumedBookmarkAndIncident_Conflict()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("b1")], incidents: [run.Incident("i1")]);
        await run.CommitAsync(Store, Ct, r => r with { Status = RunStatus.Faulted, FinishedAt = r.UpdatedAt });

        Assert.AreEqual(SignalResult.Conflict, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Resume, bookmarkId: "b1"), Ct));
        Assert.AreEqual(SignalResult.Conflict, await Store.EnqueueSignalAsync(run.Signal(SignalKind.ResolveIncident, incidentId: "i1"), Ct));
        Assert.IsEmpty(await Store.GetSignalsAsync("run-1", Ct));
        Assert.IsEmpty(await Store.FindRunnableAsync(RunScript.T0.AddDays(1), 10, Ct));
    }

    [TestMethod]
    public async Task GetSignalsAsync_Queued_ReturnsInOrderWithEveryField()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("b1")], incidents: [run.Incident("i1")]);
        var first = run.Signal(SignalKind.ResolveIncident, incidentId: "i1", signalId: "s-z");
        var second = run.Signal(SignalKind.Resume, bookmarkId: "b1", signalId: "s-a");
        await Store.EnqueueSignalAsync(first, Ct);
        await Store.EnqueueSignalAsync(second, Ct);

        var signals = await Store.GetSignalsAsync("run-1", Ct);

        CollectionAssert.AreEqual(new[] { "s-z", "s-a" }, signals.Select(s => s.SignalId).ToArray());
        Assert.AreEqual(SignalKind.Resume, signals[1].Kind);
        Assert.AreEqual(second.At, signals[1].At);
        Assert.AreEqual("bob", signals[1].Actor);
        Assert.AreEqual(second.Payload.ToJsonString(), signals[1].Payload.ToJsonString());
        Assert.IsFalse(signals[1].ByTimer);
        Assert.AreEqual("i1", signals[0].IncidentId);
    }

    [TestMethod]
    public async Task GetBookmarksAsync_Filters_ByRunNameHashAndPending()
    {
        var one = new RunScript("run-1", status: RunStatus.Suspended);
        await one.CommitAsync(Store, Ct, addBookmarks: [one.Bookmark("a1"), one.Bookmark("m1", "ManualStep"), one.Bookmark("d1", "Delay", RunScript.T0.AddHours(1))]);
        var two = new RunScript("run-2", status: RunStatus.Suspended);
        await two.CommitAsync(Store, Ct, addBookmarks: [two.Bookmark("a2")]);
        await Store.EnqueueSignalAsync(two.Signal(SignalKind.Resume, bookmarkId: "a2"), Ct);

        var human = await Store.GetBookmarksAsync(new BookmarkQuery(Names: ["Approval", "ManualStep"]), Ct);
        var all = await Store.GetBookmarksAsync(new BookmarkQuery(Names: ["Approval"], PendingOnly: false), Ct);
        var byRun = await Store.GetBookmarksAsync(new BookmarkQuery("run-1"), Ct);
        var byHash = await Store.GetBookmarksAsync(new BookmarkQuery(Hash: "hash-ManualStep-m1"), Ct);

        CollectionAssert.AreEquivalent(new[] { "a1", "m1" }, human.Select(b => b.BookmarkId).ToArray());
        CollectionAssert.AreEquivalent(new[] { "a1", "a2" }, all.Select(b => b.BookmarkId).ToArray());
        CollectionAssert.AreEquivalent(new[] { "a1", "m1", "d1" }, byRun.Select(b => b.BookmarkId).ToArray());
        Assert.AreEqual("m1", byHash.Single().BookmarkId);
        var found = await Store.FindBookmarkAsync("d1", Ct);
        Assert.AreEqual(RunScript.T0.AddHours(1), found!.ResumeAt);
        Assert.AreEqual("run-1", found.RunId);
        Assert.AreEqual("root/d1", found.ActivityPath);
        Assert.AreEqual(one.Bookmark("d1").Payload.ToJsonString(), found.Payload.ToJsonString());
        Assert.IsNull(found.ConsumedAt);
    }
}
