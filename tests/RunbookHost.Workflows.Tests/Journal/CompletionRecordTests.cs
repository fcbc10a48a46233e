using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Runtime;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Tests.Journal;

/// <summary>
/// The engine writes a completion record's data straight as canonical JSON, and the record builds its
/// data object only when read: the hash, the data and the stored text must be what they would be had
/// the object been built first.
/// </summary>
[TestClass]
public sealed class CompletionRecordTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    public static IEnumerable<object?[]> Completions =>
    [
        [new[] { "Done" }, null, 1],
        [new[] { "True" }, "root/each[2]/check", 1],
        [new[] { "Approved", "Done" }, null, 3],
        [new[] { "é \"quoted\" <b>", "x" }, "root/each[10]/naïve \"path\"", 2],
        [Array.Empty<string>(), null, 1],
    ];

    [TestMethod]
    [DynamicData(nameof(Completions))]
    public void Create_FromCompletionData_SameHashAndDataAsFromTheObject(string[] outcomes, string? path, int attempt)
    {
        var completion = new CompletionData(outcomes, path, attempt);
        var data = new JsonObject();
        completion.AddTo(data);

        var direct = JournalChain.Create(1, At, JournalKinds.ActivityCompleted, "check", null, "check completed.", completion, JournalChain.Genesis);
        var built = JournalChain.Create(1, At, JournalKinds.ActivityCompleted, "check", null, "check completed.", data, JournalChain.Genesis);

        Assert.AreEqual(built.Hash, direct.Hash);
        Assert.AreEqual(CanonicalJson.ToString(data), direct.GetDataJson());
        Assert.IsTrue(JournalVerifier.Verify([direct]).Valid);
        Assert.IsTrue(JsonNode.DeepEquals(data, direct.Data), direct.Data?.ToJsonString());
        Assert.IsTrue(JournalVerifier.Verify([direct]).Valid, "after its data was read");
    }

    [TestMethod]
    public void Verify_CompletionDataEditedAfterItWasRead_FailsVerification()
    {
        var record = JournalChain.Create(1, At, JournalKinds.ActivityCompleted, "check", null, "check completed: Done.", new CompletionData(["Done"], null, 1), JournalChain.Genesis);

        record.Data!["outcomes"] = new JsonArray("Skipped");

        var result = JournalVerifier.Verify([record]);
        Assert.IsFalse(result.Valid);
        Assert.AreEqual(1, result.FirstBadSeq);
        Assert.AreEqual("""{"outcomes":["Skipped"]}""", record.GetDataJson());
    }

    [TestMethod]
    public void Verify_CompletionDataReplaced_FailsVerification()
    {
        var record = JournalChain.Create(1, At, JournalKinds.ActivityCompleted, "check", null, "check completed: Done.", new CompletionData(["Done"], null, 1), JournalChain.Genesis);

        var edited = record with { Data = new JsonObject { ["outcomes"] = new JsonArray("Skipped") } };

        Assert.IsFalse(JournalVerifier.Verify([edited]).Valid);
        Assert.IsTrue(JournalVerifier.Verify([record]).Valid);
    }

    [TestMethod]
    public void GetDataJson_RecordWithoutData_IsNull()
    {
        var record = JournalChain.Create(1, At, JournalKinds.RunCompleted, null, null, "Run completed.", null, JournalChain.Genesis);

        Assert.IsNull(record.GetDataJson());
        Assert.IsNull(record.Data);
    }
}
