using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Runs;

/// <summary>Commits made under a lease, commits with many records, and a run row that must name the journal's tip.</summary>
public abstract partial class RunStoreContract
{
    [TestMethod]
    public async Task CommitAsync_WithPreviousStatus_WritesTheStatusWhenItChangesAndKeepsItWhenNot()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);

        var same = run.Build() with { PreviousStatus = RunStatus.Running };
        await Store.CommitAsync(same, Ct);
        run.Accept(same);
        Assert.AreEqual(RunStatus.Running, (await Store.GetAsync("run-1", Ct))!.Status);
        Assert.IsEmpty((await Store.ListAsync(new RunQuery(Status: RunStatus.Suspended), Ct)).Items);

        var suspending = run.Build(r => r with { Status = RunStatus.Suspended }) with { PreviousStatus = RunStatus.Running };
        await Store.CommitAsync(suspending, Ct);
        run.Accept(suspending);

        Assert.AreEqual(RunStatus.Suspended, (await Store.GetAsync("run-1", Ct))!.Status);
        var suspended = await Store.ListAsync(new RunQuery(Status: RunStatus.Suspended), Ct);
        Assert.AreEqual("run-1", suspended.Items.Single().RunId, "listed by its new status");
    }

    [TestMethod]
    public async Task CommitAsync_CreateUnderLease_RunIsLeasedToItsOwnerUntilThen()
    {
        var run = new RunScript("run-1");
        var now = RunScript.T0;

        await Store.CommitAsync(run.Build() with { Lease = new RunLease("host-a", now.AddMinutes(5)) }, Ct);

        var other = OtherHost();
        Assert.IsEmpty(await other.FindRunnableAsync(now.AddMinutes(1), 10, Ct), "a run created leased is nobody else's to pick up");
        Assert.IsFalse(await other.TryAcquireLeaseAsync("run-1", "host-b", now.AddMinutes(1), now.AddMinutes(2), Ct));
        Assert.IsTrue(await Store.RenewLeaseAsync("run-1", "host-a", now.AddMinutes(6), Ct), "host-a holds it");
        Assert.IsTrue(await other.TryAcquireLeaseAsync("run-1", "host-b", now.AddMinutes(6), now.AddMinutes(7), Ct), "until it expires");
    }

    [TestMethod]
    public async Task CommitAsync_UnderLeaseAnotherHostHolds_ThrowsRunConcurrencyExceptionAndWritesNothing()
    {
        var run = new RunScript("run-1", status: RunStatus.Suspended);
        await run.CommitAsync(Store, Ct);
        var now = RunScript.T0;
        Assert.IsTrue(await OtherHost().TryAcquireLeaseAsync("run-1", "host-b", now, now.AddMinutes(5), Ct));
        var commit = run.Build(r => r with { Status = RunStatus.Running }, records: 2, addBookmarks: [run.Bookmark("b1")]);

        var error = await Assert.ThrowsExactlyAsync<RunConcurrencyException>(
            () => Store.CommitAsync(commit with { Lease = new RunLease("host-a", now.AddMinutes(5)) }, Ct));

        Assert.AreEqual("run-1", error.RunId);
        var stored = await Store.GetAsync("run-1", Ct);
        Assert.AreEqual(1L, stored!.Version);
        Assert.AreEqual(RunStatus.Suspended, stored.Status);
        Assert.HasCount(1, await Store.GetJournalAsync("run-1", 0, Ct));
        Assert.IsNull(await Store.FindBookmarkAsync("b1", Ct));
        Assert.IsFalse(await Store.TryAcquireLeaseAsync("run-1", "host-a", now.AddMinutes(1), now.AddMinutes(2), Ct), "host-b keeps its lease");
    }

    [TestMethod]
    public async Task CommitAsync_UnderOwnLeaseReleasing_CommitsAndFreesTheRun()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var now = RunScript.T0;
        Assert.IsTrue(await Store.TryAcquireLeaseAsync("run-1", "host-a", now, now.AddMinutes(5), Ct));
        var lease = new RunLease("host-a", now.AddMinutes(5));

        var step = run.Build();
        await Store.CommitAsync(step with { Lease = lease }, Ct);
        run.Accept(step);
        Assert.IsFalse(await OtherHost().TryAcquireLeaseAsync("run-1", "host-b", now.AddMinutes(1), now.AddMinutes(2), Ct), "a commit under the lease keeps it");
        var finish = run.Build(r => r with { Status = RunStatus.Completed, FinishedAt = r.UpdatedAt });
        await Store.CommitAsync(finish with { Lease = lease, ReleaseLease = true }, Ct);

        var stored = await Store.GetAsync("run-1", Ct);
        Assert.AreEqual(3L, stored!.Version);
        Assert.AreEqual(RunStatus.Completed, stored.Status);
        Assert.IsTrue(await OtherHost().TryAcquireLeaseAsync("run-1", "host-b", now.AddMinutes(1), now.AddMinutes(2), Ct), "the finishing commit freed the lease");
        Assert.IsFalse(await Store.RenewLeaseAsync("run-1", "host-a", now.AddMinutes(6), Ct));
    }

    [TestMethod]
    public async Task CommitAsync_ThreeHundredRecordsInOneCommit_AllStoredInOrderAndVerify()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var commit = run.Build(records: 300);

        await Store.CommitAsync(commit, Ct);

        var journal = await Store.GetJournalAsync("run-1", 0, Ct);
        Assert.HasCount(301, journal);
        CollectionAssert.AreEqual(Enumerable.Range(1, 301).Select(i => (long)i).ToArray(), journal.Select(r => r.Seq).ToArray());
        Assert.IsTrue(JournalVerifier.Verify(journal).Valid);
        Assert.AreEqual(301L, (await Store.GetAsync("run-1", Ct))!.LastSeq);
    }

    [TestMethod]
    public async Task CommitAsync_RunRowNamesAnotherTipThanItsRecords_ThrowsAndCommitsNothing()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var commit = run.Build(records: 2);
        var wrongTip = commit with { Run = commit.Run with { LastSeq = 2, LastHash = commit.Journal[0].Hash } };
        var empty = run.Build(records: 0);
        var noRecordsButMoved = empty with { Run = empty.Run with { LastSeq = 5 } };

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => Store.CommitAsync(wrongTip, Ct));
        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => Store.CommitAsync(noRecordsButMoved, Ct));

        var stored = await Store.GetAsync("run-1", Ct);
        Assert.AreEqual(1L, stored!.Version);
        Assert.AreEqual(1L, stored.LastSeq);
        Assert.HasCount(1, await Store.GetJournalAsync("run-1", 0, Ct));
    }

    [TestMethod]
    public async Task CommitAsync_StaleVersionWithSeveralRecords_LoserGetsConcurrencyErrorAndWinnersJournalStays()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var winner = run.Build(records: 2);
        var loser = run.Build(r => r with { Fault = "loser" }, records: 3);
        await OtherHost().CommitAsync(winner, Ct);

        await Assert.ThrowsExactlyAsync<RunConcurrencyException>(() => Store.CommitAsync(loser, Ct));

        var journal = await Store.GetJournalAsync("run-1", 0, Ct);
        CollectionAssert.AreEqual(winner.Journal.Select(r => r.Hash).ToArray(), journal.Skip(1).Select(r => r.Hash).ToArray());
        Assert.IsNull((await Store.GetAsync("run-1", Ct))!.Fault);
        Assert.IsTrue(JournalVerifier.Verify(journal).Valid);
    }
}
