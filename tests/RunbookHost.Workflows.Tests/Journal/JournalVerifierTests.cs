using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;

namespace RunbookHost.Workflows.Tests.Journal;

[TestClass]
public sealed class JournalVerifierTests
{
    private static readonly Dictionary<string, Func<JournalRecord, JournalRecord>> Tamperings = new()
    {
        ["message"] = r => r with { Message = r.Message + " (edited)" },
        ["data"] = r => r with { Data = Edited(r.Data) },
        ["actor"] = r => r with { Actor = "mallory" },
        ["at"] = r => r with { At = r.At.AddSeconds(-30) },
        ["kind"] = r => r with { Kind = r.Kind == JournalKinds.RunCancelled ? JournalKinds.RunCompleted : JournalKinds.RunCancelled },
        ["activityId"] = r => r with { ActivityId = r.ActivityId is null ? "flip" : null },
        ["hash"] = r => r with { Hash = new string('a', 64) },
        ["prevHash"] = r => r with { PrevHash = new string('b', 64) },
    };

    [TestMethod]
    public void Verify_UntouchedChain_IsValid()
    {
        var journal = Chain.Activation();

        var result = JournalVerifier.Verify(journal);

        Assert.IsTrue(result.Valid, result.Problem);
        Assert.AreEqual(5, result.Records);
        Assert.IsNull(result.FirstBadSeq);
    }

    [TestMethod]
    public void Create_Hash_IsSha256OfPrevHashAndTheCanonicalRecord()
    {
        // Expected value computed independently: SHA-256 over prevHash followed by the record without
        // its hash as JSON with sorted keys and no whitespace. Journals already stored must keep verifying.
        var data = new JsonObject { ["version"] = 1, ["definitionId"] = "x", ["input"] = new JsonObject { ["site"] = "standby" } };
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_560);

        var record = JournalChain.Create(1, at, JournalKinds.RunStarted, null, "ada", "ada started x v1.", data, JournalChain.Genesis);

        Assert.AreEqual("9ffe24baaa09ed7c0d2a77e5053288274f17b4879e4f15f3cf86df0d77257a0e", record.Hash);
    }

    [TestMethod]
    public void Verify_EmptyJournal_IsValid()
    {
        Assert.IsTrue(JournalVerifier.Verify([]).Valid);
    }

    [TestMethod]
    public void Create_Chain_LinksEachRecordToThePrevious()
    {
        var journal = Chain.Activation();

        Assert.AreEqual(JournalChain.Genesis, journal[0].PrevHash);
        for (int i = 1; i < journal.Count; i++)
        {
            Assert.AreEqual(journal[i - 1].Hash, journal[i].PrevHash, $"record {i + 1}");
        }

        Assert.HasCount(journal.Count, journal.Select(r => r.Hash).Distinct());
    }

    [TestMethod]
    [DataRow("message")]
    [DataRow("data")]
    [DataRow("actor")]
    [DataRow("at")]
    [DataRow("kind")]
    [DataRow("activityId")]
    [DataRow("hash")]
    [DataRow("prevHash")]
    public void Verify_FieldChangedInAnyRecord_FailsAtThatRecord(string field)
    {
        for (int i = 0; i < 5; i++)
        {
            var journal = Chain.Activation();
            journal[i] = Tamperings[field](journal[i]);

            var result = JournalVerifier.Verify(journal);

            Assert.IsFalse(result.Valid, $"{field} of record {i + 1} changed, yet the journal verified.");
            Assert.AreEqual(i + 1, result.FirstBadSeq, $"{field} of record {i + 1}: {result.Problem}");
            Assert.Contains($"Record {i + 1}", result.Problem!);
        }
    }

    [TestMethod]
    public void Verify_NestedDataValueChanged_FailsAtThatRecord()
    {
        var journal = Chain.Activation();
        journal[0] = journal[0] with { Data = new JsonObject { ["input"] = new JsonObject { ["targetSite"] = "primary" } } };

        var result = JournalVerifier.Verify(journal);

        Assert.AreEqual(1L, result.FirstBadSeq);
    }

    [TestMethod]
    public void Verify_ExitCodeChangedToText_FailsAtThatRecord()
    {
        var journal = Chain.Activation();
        journal[2] = journal[2] with { Data = new JsonObject { ["exitCode"] = "0", ["command"] = "symrdf failover -g exch" } };

        var result = JournalVerifier.Verify(journal);

        Assert.AreEqual(3L, result.FirstBadSeq);
    }

    [TestMethod]
    [DataRow(0, 2L)]
    [DataRow(2, 4L)]
    public void Verify_RecordRemoved_FailsAtTheRecordAfterTheGap(int removed, long expectedBadSeq)
    {
        var journal = Chain.Activation();
        journal.RemoveAt(removed);

        var result = JournalVerifier.Verify(journal);

        Assert.IsFalse(result.Valid);
        Assert.AreEqual(expectedBadSeq, result.FirstBadSeq, result.Problem);
        Assert.Contains("missing or out of order", result.Problem!);
    }

    [TestMethod]
    public void Verify_RecordRemovedAndLaterRenumbered_FailsAtTheRenumberedRecord()
    {
        var journal = Chain.Activation();
        journal.RemoveAt(1);
        for (int i = 1; i < journal.Count; i++)
        {
            journal[i] = journal[i] with { Seq = i + 1 };
        }

        var result = JournalVerifier.Verify(journal);

        Assert.AreEqual(2L, result.FirstBadSeq, result.Problem);
    }

    [TestMethod]
    public void Verify_TwoRecordsSwapped_FailsAtTheFirstMisplacedRecord()
    {
        var journal = Chain.Activation();
        (journal[1], journal[2]) = (journal[2], journal[1]);

        var result = JournalVerifier.Verify(journal);

        Assert.IsFalse(result.Valid);
        Assert.AreEqual(3L, result.FirstBadSeq, result.Problem);
    }

    [TestMethod]
    public void Verify_RecordRehashedAfterEdit_FailsAtTheNextRecord()
    {
        var journal = Chain.Activation();
        var edited = journal[1] with { Message = "Started nothing" };
        journal[1] = edited with { Hash = JournalChain.ComputeHash(edited) };

        var result = JournalVerifier.Verify(journal);

        Assert.AreEqual(3L, result.FirstBadSeq, result.Problem);
        Assert.Contains("does not link", result.Problem!);
    }

    private static JsonObject Edited(JsonObject? data)
    {
        var copy = data?.DeepClone().AsObject() ?? new JsonObject();
        copy["edited"] = true;
        return copy;
    }
}
