using System.Text;
using RunbookHost.Persistence.Tests.Support;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Persistence.Tests.Runs;

/// <summary>
/// What every <see cref="IRunStore"/> must do, run against each store: the in-memory reference,
/// SQLite and PostgreSQL. A subclass only says how to get an empty database.
/// </summary>
public abstract partial class RunStoreContract
{
    private TestDatabase? _database;

    public TestContext TestContext { get; set; } = null!;

    private protected CancellationToken Ct => TestContext.CancellationToken;

    private protected IRunStore Store { get; private set; } = null!;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>The same database seen by another host (its own connections).</summary>
    private protected IRunStore OtherHost() => _database!.CreateRunStore();

    [TestInitialize]
    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync(Ct);
        Store = _database.CreateRunStore();
    }

    [TestCleanup]
    public async Task CleanupAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task CommitAsync_NewRun_GetReturnsEveryField()
    {
        var run = new RunScript("run-1");
        var commit = await run.CommitAsync(Store, Ct, r => r with { Fault = "none yet" });

        var stored = await Store.GetAsync("run-1", Ct);

        Assert.IsNotNull(stored);
        var expected = commit.Run;
        Assert.AreEqual(expected.RunId, stored.RunId);
        Assert.AreEqual(expected.DefinitionId, stored.DefinitionId);
        Assert.AreEqual(expected.DefinitionVersion, stored.DefinitionVersion);
        Assert.AreEqual(RunStatus.Running, stored.Status);
        Assert.AreEqual("alice", stored.StartedBy);
        Assert.AreEqual(expected.StartedAt, stored.StartedAt);
        Assert.AreEqual(expected.UpdatedAt, stored.UpdatedAt);
        Assert.IsNull(stored.FinishedAt);
        Assert.AreEqual(expected.Input.ToJsonString(), stored.Input.ToJsonString());
        Assert.AreEqual(1L, stored.Version);
        Assert.AreEqual(1L, stored.LastSeq);
        Assert.AreEqual(commit.Journal[0].Hash, stored.LastHash);
        CollectionAssert.AreEqual(expected.State, stored.State);
        Assert.AreEqual("none yet", stored.Fault);
        Assert.IsNull(await Store.GetAsync("run-unknown", Ct));
    }

    [TestMethod]
    public async Task CommitAsync_FinishedRun_RoundTripsStatusAndFinishedAt()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var commit = await run.CommitAsync(Store, Ct, r => r with { Status = RunStatus.Completed, FinishedAt = r.StartedAt.AddMinutes(5).AddTicks(10) });

        var stored = await Store.GetAsync("run-1", Ct);

        Assert.AreEqual(RunStatus.Completed, stored!.Status);
        Assert.AreEqual(commit.Run.FinishedAt, stored.FinishedAt);
        Assert.IsTrue(stored.IsFinished);
        Assert.AreEqual(2L, stored.Version);
    }

    [TestMethod]
    public async Task CommitAsync_StaleVersion_ThrowsRunConcurrencyExceptionAndKeepsWinner()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var first = run.Build(r => r with { Status = RunStatus.Suspended });
        var second = run.Build(r => r with { Status = RunStatus.Faulted });
        await Store.CommitAsync(first, Ct);

        var error = await Assert.ThrowsExactlyAsync<RunConcurrencyException>(() => Store.CommitAsync(second, Ct));

        Assert.AreEqual("run-1", error.RunId);
        var stored = await Store.GetAsync("run-1", Ct);
        Assert.AreEqual(RunStatus.Suspended, stored!.Status);
        Assert.AreEqual(2L, stored.Version);
        Assert.HasCount(2, await Store.GetJournalAsync("run-1", 0, Ct));
    }

    [TestMethod]
    public async Task GetJournalAsync_RunsCommittingInTurn_EachReadsItsOwnRecordsInOrderFromAnySeq()
    {
        // Three runs appending in turn, a run started after the others in the middle: records land interleaved.
        var runs = new[] { new RunScript("run-b"), new RunScript("run-a"), new RunScript("run-c") };
        for (int round = 0; round < 4; round++)
        {
            foreach (var run in runs)
            {
                await run.CommitAsync(Store, Ct);
            }

            await runs[round % 3].CommitAsync(Store, Ct);
        }

        foreach (var run in runs)
        {
            var journal = await Store.GetJournalAsync(run.RunId, 0, Ct);
            CollectionAssert.AreEqual(Enumerable.Range(1, (int)run.LastSeq).Select(i => (long)i).ToArray(), journal.Select(r => r.Seq).ToArray(), run.RunId);
            Assert.IsTrue(JournalVerifier.Verify(journal, run.LastSeq, run.Run.LastHash).Valid, run.RunId);
            CollectionAssert.AreEqual(journal.Skip(3).Select(r => r.Hash).ToArray(), (await Store.GetJournalAsync(run.RunId, 3, Ct)).Select(r => r.Hash).ToArray(), run.RunId + " after seq 3");
            Assert.IsEmpty(await Store.GetJournalAsync(run.RunId, run.LastSeq, Ct), run.RunId + " after its last");
        }

        Assert.IsEmpty(await Store.GetJournalAsync("run-unknown", 0, Ct));
    }

    [TestMethod]
    public async Task GetJournalOfKindsAsync_ReturnsOnlyThoseKindsInOrder_AsTheWholeJournalHasThem()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        await run.CommitAsync(Store, Ct);
        await run.CommitAsync(Store, Ct);
        await new RunScript("run-2").CommitAsync(Store, Ct);

        var whole = await Store.GetJournalAsync("run-1", 0, Ct);
        var completed = await Store.GetJournalOfKindsAsync("run-1", [JournalKinds.ActivityCompleted], Ct);
        var both = await Store.GetJournalOfKindsAsync("run-1", [JournalKinds.ActivityCompleted, JournalKinds.RunStarted], Ct);

        CollectionAssert.AreEqual(new long[] { 2, 3 }, completed.Select(r => r.Seq).ToArray());
        CollectionAssert.AreEqual(whole.Skip(1).Select(Fields).ToArray(), completed.Select(Fields).ToArray(), "the same records, every field");
        CollectionAssert.AreEqual(whole.Select(Fields).ToArray(), both.Select(Fields).ToArray());
        Assert.IsEmpty(await Store.GetJournalOfKindsAsync("run-1", [JournalKinds.CommandExecuted], Ct));
        Assert.IsEmpty(await Store.GetJournalOfKindsAsync("run-1", [], Ct));
        Assert.IsEmpty(await Store.GetJournalOfKindsAsync("run-unknown", [JournalKinds.RunStarted], Ct));

        static string Fields(JournalRecord r) => $"{r.Seq}|{r.At:O}|{r.Kind}|{r.ActivityId}|{r.Actor}|{r.Message}|{r.Data?.ToJsonString()}|{r.Hash}|{r.PrevHash}";
    }

    [TestMethod]
    public async Task CommitAsync_DuplicateCreate_ThrowsRunConcurrencyException()
    {
        var run = new RunScript("run-1");
        var create = run.Build();
        await Store.CommitAsync(create, Ct);

        await Assert.ThrowsExactlyAsync<RunConcurrencyException>(() => Store.CommitAsync(create, Ct));
        Assert.HasCount(1, await Store.GetJournalAsync("run-1", 0, Ct));
    }

    [TestMethod]
    public async Task CommitAsync_UnknownRunAtVersionTwo_ThrowsRunConcurrencyException()
    {
        var run = new RunScript("run-1");
        run.Accept(run.Build(records: 0));

        await Assert.ThrowsExactlyAsync<RunConcurrencyException>(() => Store.CommitAsync(run.Build(), Ct));
        Assert.IsNull(await Store.GetAsync("run-1", Ct));
    }

    [TestMethod]
    public async Task CommitAsync_TenHostsCommitSameVersion_ExactlyOneWins()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var stores = Enumerable.Range(0, 10).Select(_ => OtherHost()).ToList();

        var outcomes = await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
        {
            try
            {
                await store.CommitAsync(run.Build(r => r with { Fault = "host " + i }), Ct);
                return true;
            }
            catch (RunConcurrencyException)
            {
                return false;
            }
        }, Ct)));

        Assert.AreEqual(1, outcomes.Count(won => won));
        var stored = await Store.GetAsync("run-1", Ct);
        Assert.AreEqual(2L, stored!.Version);
        Assert.AreEqual("host " + Array.IndexOf(outcomes, true), stored.Fault);
        Assert.IsTrue(JournalVerifier.Verify(await Store.GetJournalAsync("run-1", 0, Ct)).Valid);
    }

    [TestMethod]
    public async Task CommitAsync_JournalSkipsASeq_ThrowsAndCommitsNothing()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var commit = run.Build(addBookmarks: [run.Bookmark("b1")]);
        var gap = commit with { Journal = [JournalChain.Create(3, commit.Run.UpdatedAt, "X", null, null, "gap", null, run.Run.LastHash)] };

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => Store.CommitAsync(gap, Ct));

        Assert.AreEqual(1L, (await Store.GetAsync("run-1", Ct))!.Version);
        Assert.IsNull(await Store.FindBookmarkAsync("b1", Ct));
        Assert.HasCount(1, await Store.GetJournalAsync("run-1", 0, Ct));
    }

    [TestMethod]
    public async Task CommitAsync_JournalWithWrongPrevHash_Throws()
    {
        var run = new RunScript("run-1");
        await run.CommitAsync(Store, Ct);
        var commit = run.Build();
        var forged = commit with { Journal = [JournalChain.Create(2, commit.Run.UpdatedAt, "X", null, null, "forged", null, JournalChain.Genesis)] };

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => Store.CommitAsync(forged, Ct));
        Assert.AreEqual(1L, (await Store.GetAsync("run-1", Ct))!.Version);
    }

    [TestMethod]
    public async Task CommitAsync_NewRunJournalNotFromGenesis_Throws()
    {
        var run = new RunScript("run-1");
        var commit = run.Build();
        var wrong = commit with { Journal = [JournalChain.Create(1, commit.Run.UpdatedAt, "X", null, null, "m", null, new string('f', 64))] };

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => Store.CommitAsync(wrong, Ct));
        Assert.IsNull(await Store.GetAsync("run-1", Ct));
    }

    [TestMethod]
    public async Task GetJournalAsync_AfterSeq_ReturnsLaterRecordsExactlyAsWritten()
    {
        var run = new RunScript("run-1");
        var written = new List<JournalRecord>();
        foreach (int records in new[] { 2, 3, 1 })
        {
            var commit = run.Build(records: records);
            await Store.CommitAsync(commit, Ct);
            run.Accept(commit);
            written.AddRange(commit.Journal);
        }

        var all = await Store.GetJournalAsync("run-1", 0, Ct);
        var later = await Store.GetJournalAsync("run-1", 4, Ct);

        Assert.HasCount(6, all);
        Assert.IsTrue(JournalVerifier.Verify(all).Valid, "times, data and text must round-trip exactly for the hashes to verify");
        for (int i = 0; i < written.Count; i++)
        {
            Assert.AreEqual(written[i].At, all[i].At);
            Assert.AreEqual(written[i].Data!.ToJsonString(), all[i].Data!.ToJsonString());
            Assert.AreEqual(written[i].Hash, all[i].Hash);
        }

        CollectionAssert.AreEqual(new long[] { 5, 6 }, later.Select(r => r.Seq).ToArray());
        Assert.IsEmpty(await Store.GetJournalAsync("run-unknown", 0, Ct));
    }

    [TestMethod]
    public async Task CommitAsync_LargeState_RoundTripsBytes()
    {
        var run = new RunScript("run-1");
        var state = Encoding.UTF8.GetBytes("{\"blob\":\"" + new string('x', 200_000) + "\"}");
        await run.CommitAsync(Store, Ct, r => r with { State = state });

        CollectionAssert.AreEqual(state, (await Store.GetAsync("run-1", Ct))!.State);
    }
}
