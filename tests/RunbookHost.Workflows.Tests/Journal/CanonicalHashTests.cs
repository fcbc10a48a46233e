using System.Text.Json.Nodes;
using RunbookHost.Workflows.Journal;

namespace RunbookHost.Workflows.Tests.Journal;

[TestClass]
public sealed class CanonicalHashTests
{
    [TestMethod]
    public void Create_DataKeysInDifferentOrder_HashIdentically()
    {
        var a = Chain.Create(JsonNode.Parse("""{"exitCode":0,"command":"cluster res","detail":{"node":"EXCH01","group":"SCC"}}""")!.AsObject());
        var b = Chain.Create(JsonNode.Parse("""{"detail":{"group":"SCC","node":"EXCH01"},"command":"cluster res","exitCode":0}""")!.AsObject());

        Assert.AreEqual(a.Hash, b.Hash);
    }

    [TestMethod]
    public void Create_ListItemsInDifferentOrder_HashDifferently()
    {
        var a = Chain.Create(JsonNode.Parse("""{"servers":["EXCH01","EXCH02"]}""")!.AsObject());
        var b = Chain.Create(JsonNode.Parse("""{"servers":["EXCH02","EXCH01"]}""")!.AsObject());

        Assert.AreNotEqual(a.Hash, b.Hash);
    }

    [TestMethod]
    [DataRow("1", "1.0")]
    [DataRow("1", "1e0")]
    [DataRow("100", "1.0E2")]
    [DataRow("-3", "-3.00")]
    [DataRow("0.5", "5e-1")]
    public void Create_SameNumberWrittenDifferently_HashesIdentically(string left, string right)
    {
        var a = Chain.Create(JsonNode.Parse($$"""{"n":{{left}}}""")!.AsObject());
        var b = Chain.Create(JsonNode.Parse($$"""{"n":{{right}}}""")!.AsObject());

        Assert.AreEqual(a.Hash, b.Hash);
    }

    [TestMethod]
    public void Create_NumberBuiltInCodeAndParsed_HashIdentically()
    {
        var a = Chain.Create(new JsonObject { ["exitCode"] = 1, ["seconds"] = 2.5 });
        var b = Chain.Create(JsonNode.Parse("""{"exitCode":1.0,"seconds":2.50}""")!.AsObject());

        Assert.AreEqual(a.Hash, b.Hash);
    }

    [TestMethod]
    [DataRow("1", "2")]
    [DataRow("1", "\"1\"")]
    [DataRow("0", "false")]
    [DataRow("0", "null")]
    public void Create_DifferentValues_HashDifferently(string left, string right)
    {
        var a = Chain.Create(JsonNode.Parse($$"""{"n":{{left}}}""")!.AsObject());
        var b = Chain.Create(JsonNode.Parse($$"""{"n":{{right}}}""")!.AsObject());

        Assert.AreNotEqual(a.Hash, b.Hash);
    }

    [TestMethod]
    public void Create_TimeWithSubMicrosecondTicks_NormalisedToMicroseconds()
    {
        var precise = Chain.Start.AddTicks(12_345_679);

        var record = Chain.Create(null, precise);

        Assert.AreEqual(Chain.Start.AddTicks(12_345_670), record.At);
        Assert.AreEqual(Chain.Create(null, Chain.Start.AddTicks(12_345_670)).Hash, record.Hash);
        Assert.IsTrue(JournalVerifier.Verify([record]).Valid);
    }

    [TestMethod]
    public void Create_TimesOneMicrosecondApart_HashDifferently()
    {
        Assert.AreNotEqual(Chain.Create(null, Chain.Start).Hash, Chain.Create(null, Chain.Start.AddTicks(10)).Hash);
    }

    [TestMethod]
    public void Create_SameInstantInAnotherOffset_NormalisedToUtcAndHashesIdentically()
    {
        var record = Chain.Create(null, Chain.Start.ToOffset(TimeSpan.FromHours(2)));

        Assert.AreEqual(TimeSpan.Zero, record.At.Offset);
        Assert.AreEqual(Chain.Create(null, Chain.Start).Hash, record.Hash);
    }

    [TestMethod]
    public void Create_DataReloadedFromJson_StillVerifies()
    {
        var record = Chain.Create(new JsonObject { ["decidedAt"] = Chain.Start, ["attempt"] = 2, ["comment"] = "Ünïcode \"quoted\" <tag>" });

        var reloaded = record with { Data = JsonNode.Parse(record.Data!.ToJsonString())!.AsObject() };

        Assert.IsTrue(JournalVerifier.Verify([reloaded]).Valid);
    }

    [TestMethod]
    public void Create_TextWithEveryAsciiCharacterAndBeyond_HashesAsTheGenericCanonicalWriterWould()
    {
        // Record hashing writes most strings as bytes directly; it must agree with the generic
        // canonical writer (the rule stored journals were hashed by) for every character.
        var texts = Enumerable.Range(0, 128).Select(c => $"before {(char)c} after")
            .Concat(["", "Ünïcode é", "emoji \U0001F680", "line\u2028separator", "tab\tquote\"backslash\\", "<tag> & 'x' + `y`"]);
        var at = new DateTimeOffset(2026, 11, 25, 8, 9, 10, TimeSpan.Zero).AddTicks(1_234_560);
        foreach (string text in texts)
        {
            var data = new JsonObject { ["text"] = text };

            var record = JournalChain.Create(7, at, text, text, text, text, data, text);

            var canonical = new JsonObject
            {
                ["activityId"] = text,
                ["actor"] = text,
                ["at"] = "2026-11-25T08:09:10.123456Z",
                ["data"] = data.DeepClone(),
                ["kind"] = text,
                ["message"] = text,
                ["prevHash"] = text,
                ["seq"] = 7,
            };
            byte[] hashed = [.. System.Text.Encoding.UTF8.GetBytes(text), .. System.Text.Encoding.UTF8.GetBytes(ReferenceCanonicalJson.ToString(canonical))];
            Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hashed)), record.Hash, $"text {text}");
        }
    }

    [TestMethod]
    public void Create_DataOfEveryKind_HashesAsTheReferenceCanonicalWriterWould()
    {
        // Numbers built in code and parsed from text, nested objects with keys needing order and
        // escapes, values that are not strings in .NET but strings in JSON.
        var parsed = JsonNode.Parse("""{"int":1,"float":1.0,"exp":1e0,"neg":-0.5,"big":18446744073709551615,"tiny":1e-7,"huge":1e300,"deep":{"z":[1.5,"a",null,true],"a":{}}}""")!.AsObject();
        var data = new JsonObject
        {
            ["parsed"] = parsed,
            ["int"] = 42,
            ["long"] = long.MinValue,
            ["ulong"] = ulong.MaxValue,
            ["byte"] = (byte)7,
            ["double"] = 2.5,
            ["wholeDouble"] = 3.0,
            ["decimal"] = 1.10m,
            ["float"] = 0.1f,
            ["bool"] = false,
            ["null"] = null,
            ["time"] = JsonValue.Create(new DateTimeOffset(2026, 11, 25, 8, 9, 10, TimeSpan.FromHours(1))),
            ["guid"] = JsonValue.Create(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
            ["Zebra"] = "upper case sorts first",
            ["é key \"quoted\""] = "ü\u2028<tag>",
            ["list"] = new JsonArray(new JsonObject { ["b"] = 1, ["a"] = 2 }, new JsonArray(), "x"),
            ["empty"] = new JsonObject(),
        };
        var at = new DateTimeOffset(2026, 11, 25, 8, 9, 10, TimeSpan.Zero);

        var record = JournalChain.Create(3, at, "Kind", "act", "ada", "message", data, JournalChain.Genesis);

        string expected = $$"""{"activityId":"act","actor":"ada","at":"2026-11-25T08:09:10.000000Z","data":{{ReferenceCanonicalJson.ToString(data)}},"kind":"Kind","message":"message","prevHash":"{{JournalChain.Genesis}}","seq":3}""";
        byte[] hashed = [.. System.Text.Encoding.UTF8.GetBytes(JournalChain.Genesis), .. System.Text.Encoding.UTF8.GetBytes(expected)];
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hashed)), record.Hash);
        Assert.AreEqual(ReferenceCanonicalJson.ToString(data), RunbookHost.Workflows.Serialization.CanonicalJson.ToString(data));
    }

    [TestMethod]
    public void Create_TimesInTheSameSecondAndAcrossSeconds_WriteEachTimeInFull()
    {
        // Hashing keeps the formatted date and time of the last second it wrote; every record must
        // still carry its own full time.
        var start = new DateTimeOffset(2026, 12, 31, 23, 59, 58, TimeSpan.Zero).AddTicks(9_999_990);
        var times = new[] { start, start.AddTicks(10), start.AddSeconds(1), start.AddTicks(-10), start.AddDays(-400), start.AddTicks(20), start.AddSeconds(2), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(5)) };
        foreach (var at in times)
        {
            var record = JournalChain.Create(2, at, "Kind", null, null, "m", null, JournalChain.Genesis);

            string time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            string expected = $$"""{"activityId":null,"actor":null,"at":"{{time}}","data":null,"kind":"Kind","message":"m","prevHash":"{{JournalChain.Genesis}}","seq":2}""";
            byte[] hashed = [.. System.Text.Encoding.UTF8.GetBytes(JournalChain.Genesis), .. System.Text.Encoding.UTF8.GetBytes(expected)];
            Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hashed)), record.Hash, $"at {time}");
        }
    }

    [TestMethod]
    public void Create_NullDataAndEmptyData_HashDifferently()
    {
        Assert.AreNotEqual(Chain.Create(null).Hash, Chain.Create([]).Hash);
    }
}
