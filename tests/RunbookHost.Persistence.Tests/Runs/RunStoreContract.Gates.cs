using System.Text.Json.Nodes;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Runs;

/// <summary>The approvals inbox: pending human gates with their run's workflow and starter, paged by keyset.</summary>
public abstract partial class RunStoreContract
{
    private static readonly IReadOnlyList<string> Gates = ["Approval", "ManualStep"];

    [TestMethod]
    public async Task ReadPendingGatesAsync_OnlyPendingHumanGates_OldestFirstWithTheirRun()
    {
        var one = new RunScript("run-1", definitionId: "activation", status: RunStatus.Suspended);
        await one.CommitAsync(Store, Ct, addBookmarks: [one.Bookmark("m1", "ManualStep"), one.Bookmark("d1", "Delay", RunScript.T0.AddHours(1))]);
        var two = new RunScript("run-2", definitionId: "failback", status: RunStatus.Suspended, startedAt: RunScript.T0.AddSeconds(-30));
        await two.CommitAsync(Store, Ct, r => r with { StartedBy = "carol" }, addBookmarks: [two.Bookmark("a2", resumeAt: RunScript.T0.AddDays(1)), two.Bookmark("q2")]);
        var three = new RunScript("run-3", status: RunStatus.Suspended, startedAt: RunScript.T0.AddSeconds(-60));
        await three.CommitAsync(Store, Ct, addBookmarks: [three.Bookmark("c3")]);
        await three.CommitAsync(Store, Ct, consumeBookmarks: ["c3"]);
        await Store.EnqueueSignalAsync(two.Signal(SignalKind.Resume, bookmarkId: "q2"), Ct);

        var gates = await Store.ListPendingGatesAsync(new PendingGateQuery(Gates), Ct);
        var ofRun1 = await Store.ListPendingGatesAsync(new PendingGateQuery(Gates, RunId: "run-1"), Ct);
        var approvalsOnly = await Store.ListPendingGatesAsync(new PendingGateQuery(["Approval"]), Ct);

        CollectionAssert.AreEqual(new[] { "a2", "m1" }, gates.Select(g => g.BookmarkId).ToArray(), "consumed and resume-queued gates and the Delay are left out; oldest first");
        var a2 = gates[0];
        Assert.AreEqual("run-2", a2.RunId);
        Assert.AreEqual("failback", a2.DefinitionId);
        Assert.AreEqual("carol", a2.StartedBy);
        Assert.AreEqual("gate-a2", a2.ActivityId);
        Assert.AreEqual("Approval", a2.Name);
        Assert.AreEqual(two.Bookmark("a2").Payload.ToJsonString(), a2.Payload.ToJsonString());
        Assert.AreEqual(RunScript.T0.AddSeconds(-30), a2.CreatedAt);
        Assert.AreEqual(RunScript.T0.AddDays(1), a2.ResumeAt);
        Assert.AreEqual("activation", gates[1].DefinitionId);
        Assert.AreEqual("alice", gates[1].StartedBy);
        Assert.IsNull(gates[1].ResumeAt);
        Assert.AreEqual("m1", ofRun1.Single().BookmarkId);
        Assert.AreEqual("a2", approvalsOnly.Single().BookmarkId);
        Assert.IsEmpty(await Store.ListPendingGatesAsync(new PendingGateQuery([]), Ct));
    }

    [TestMethod]
    public async Task ReadPendingGatesAsync_TakeAndAfter_PagesThroughEveryGateOnceEvenWhenCreatedTogether()
    {
        // Seven gates: three runs, gates of one run share their creation time, so ids break the ties.
        var expected = new List<string>();
        foreach (var (runId, offset, ids) in new[] { ("run-b", 0, new[] { "g5", "g1", "g9" }), ("run-a", -10, new[] { "g7", "g2" }), ("run-c", 10, new[] { "g3", "g0" }) })
        {
            var run = new RunScript(runId, status: RunStatus.Suspended, startedAt: RunScript.T0.AddSeconds(offset));
            await run.CommitAsync(Store, Ct, addBookmarks: [.. ids.Select(id => run.Bookmark(id))]);
        }

        expected.AddRange(["g2", "g7", "g1", "g5", "g9", "g0", "g3"]);
        var pages = new List<IReadOnlyList<ListedGate>>();
        GateCursor? after = null;
        do
        {
            var page = await Store.ListPendingGatesAsync(new PendingGateQuery(Gates, Take: 3, After: after), Ct);
            pages.Add(page);
            after = page.Count == 0 ? null : new GateCursor(page[^1].CreatedAt, page[^1].BookmarkId);
        }
        while (after is not null && pages.Count < 10);

        CollectionAssert.AreEqual(new[] { 3, 3, 1, 0 }, pages.Select(p => p.Count).ToArray());
        CollectionAssert.AreEqual(expected.ToArray(), pages.SelectMany(p => p).Select(g => g.BookmarkId).ToArray());
        CollectionAssert.AreEqual(expected.ToArray(), (await Store.ListPendingGatesAsync(new PendingGateQuery(Gates), Ct)).Select(g => g.BookmarkId).ToArray());
        Assert.IsEmpty(await Store.ListPendingGatesAsync(new PendingGateQuery(Gates, Take: 0), Ct));
    }

    [TestMethod]
    public async Task ReadPendingGatesAsync_ResumeQueuedThenDroppedWithoutConsumingTheGate_TheGateIsPendingAgain()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("a1"), run.Bookmark("a2"), run.Bookmark("t1", "ManualStep", RunScript.T0.AddMinutes(5))]);
        var resume = run.Signal(SignalKind.Resume, bookmarkId: "a1");
        Assert.AreEqual(SignalResult.Accepted, await Store.EnqueueSignalAsync(resume, Ct));
        Assert.AreEqual(SignalResult.Accepted, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Resume, bookmarkId: "a2"), Ct));
        await Store.FireDueTimersAsync(RunScript.T0.AddMinutes(10), 10, Ct); // the timer's resume is queued for t1

        Assert.IsEmpty(await Store.ListPendingGatesAsync(new PendingGateQuery(Gates), Ct), "every gate has a resume queued");
        Assert.IsEmpty(await Store.GetBookmarksAsync(new BookmarkQuery(RunId: "run-1", PendingOnly: true), Ct));
        Assert.IsNull(await Store.NextTimerAsync(Ct));

        // The run drops a1's resume without resuming it (as for a stale resume) and resumes a2 with its signal.
        var signals = await Store.GetSignalsAsync("run-1", Ct);
        await run.CommitAsync(Store, Ct, consumeSignals: [resume.SignalId]);
        await run.CommitAsync(Store, Ct, consumeBookmarks: ["a2"], consumeSignals: [signals.Single(s => s.BookmarkId == "a2").SignalId]);

        Assert.AreEqual("a1", (await Store.ListPendingGatesAsync(new PendingGateQuery(Gates), Ct)).Single().BookmarkId, "a1 is waiting again, a2 is resumed, t1 still has its resume queued");
        Assert.AreEqual("a1", (await Store.GetBookmarksAsync(new BookmarkQuery(RunId: "run-1", PendingOnly: true), Ct)).Single().BookmarkId);
        Assert.AreEqual(SignalResult.Accepted, await Store.EnqueueSignalAsync(run.Signal(SignalKind.Resume, bookmarkId: "a1"), Ct), "a1 takes a resume again");
        Assert.IsEmpty(await Store.ListPendingGatesAsync(new PendingGateQuery(Gates), Ct));
    }

    [TestMethod]
    public async Task ReadPendingGatesAsync_TextBeyondAsciiAndEscapes_HandsOutTheStoredCharactersAsUtf8()
    {
        var run = new RunScript("run-ü", definitionId: "aktivierung-日本", status: RunStatus.Suspended);
        var payload = new JsonObject
        {
            ["kind"] = "approval",
            ["title"] = "Standby \"DR\" <aktivieren> & weiter? ✓ 🚀",
            ["instructions"] = "line 1\nline 2\tü",
            ["allowedRoles"] = new JsonArray("approver", "süper"),
        };
        var gate = run.Bookmark("gate-ß") with { ActivityId = "prüfen", Payload = payload };
        await run.CommitAsync(Store, Ct, r => r with { StartedBy = "zoë" }, addBookmarks: [gate]);

        var listed = (await Store.ListPendingGatesAsync(new PendingGateQuery(Gates), Ct)).Single();

        Assert.AreEqual("gate-ß", listed.BookmarkId);
        Assert.AreEqual("run-ü", listed.RunId);
        Assert.AreEqual("prüfen", listed.ActivityId);
        Assert.AreEqual("aktivierung-日本", listed.DefinitionId);
        Assert.AreEqual("zoë", listed.StartedBy);
        Assert.AreEqual(payload.ToJsonString(), listed.Payload.ToJsonString());
        Assert.AreEqual("Standby \"DR\" <aktivieren> & weiter? ✓ 🚀", listed.Payload["title"]!.GetValue<string>());
        Assert.AreEqual(RunScript.T0, listed.CreatedAt);
    }

    [TestMethod]
    public async Task ReadPendingGatesAsync_VisitorThrows_TheErrorSurfacesAndTheNextListIsWhole()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct, addBookmarks: [run.Bookmark("a1"), run.Bookmark("a2"), run.Bookmark("a3")]);
        int seen = 0;

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => Store.ReadPendingGatesAsync(
            new PendingGateQuery(Gates),
            (in PendingGateRow _) => throw new InvalidOperationException($"visitor failed at gate {++seen}"),
            Ct));

        Assert.AreEqual(1, seen, "the store stops at the visitor's error");
        CollectionAssert.AreEqual(new[] { "a1", "a2", "a3" }, (await Store.ListPendingGatesAsync(new PendingGateQuery(Gates), Ct)).Select(g => g.BookmarkId).ToArray());
    }
}
