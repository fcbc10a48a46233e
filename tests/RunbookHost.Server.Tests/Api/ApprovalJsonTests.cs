using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbookHost.Server.Api;
using RunbookHost.Server.Hosting;
using RunbookHost.Server.Tests.Support;
using RunbookHost.Workflows.Journal;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Tests.Api;

/// <summary>
/// The approvals' JSON, written from the store's UTF-8 rows, pinned byte for byte to what the API's
/// serializer made of the former anonymous shape (<see cref="FormerGateJson"/>).
/// </summary>
[TestClass]
public sealed class ApprovalJsonTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Approvals_GatesWithEveryFieldSetAndUnset_TheFormerResponseByteForByte()
    {
        await using var host = await TestHost.StartAsync();
        var store = host.Services.GetRequiredService<IRunStore>();
        var full = new JsonObject
        {
            ["kind"] = "approval",
            ["title"] = "Activate \"DR\" <now> & then? café ✓ 🚀",
            ["instructions"] = "Check:\n\t1. the 'primary' is down\u0001\n2. \\\\share\\path + 100%",
            ["allowedRoles"] = new JsonArray("approver", "rôle<admin>"),
            ["other"] = new JsonObject { ["x"] = 1 },
        };
        await AddRunAsync(store, "run-1", "activation", "olivia", T0.AddTicks(1_234_560),
            Gate("g-full", "run-1", "Approval", full, T0.AddTicks(1_234_560), resumeAt: new DateTimeOffset(2999, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(500_000)),
            Gate("g-bare", "run-1", "ManualStep", [], T0.AddTicks(1_234_560)));
        await AddRunAsync(store, "run-ü", "aktivierung-日本", "zoë", T0.AddSeconds(1),
            Gate("g-ß", "run-ü", "Approval", new JsonObject { ["allowedRoles"] = new JsonArray(), ["title"] = null, ["kind"] = null, ["instructions"] = "" }, T0.AddSeconds(1)),
            Gate("g-odd", "run-ü", "ManualStep", new JsonObject { ["kind"] = 5, ["title"] = new JsonObject { ["a"] = new JsonArray(1, "é") }, ["instructions"] = true, ["allowedRoles"] = "approver" }, T0.AddSeconds(2).AddTicks(1_200_000)));
        var options = host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var viewer = host.Client("viewer");

        using var response = await viewer.GetAsync("/api/approvals?status=pending", TestContext.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.CancellationToken);
        string page = await viewer.GetStringAsync("/api/approvals?take=2&after=g-bare", TestContext.CancellationToken);
        string ofRun = await viewer.GetStringAsync("/api/approvals?runId=run-1", TestContext.CancellationToken);
        var runView = JsonNode.Parse(await viewer.GetStringAsync("/api/runs/run-ü", TestContext.CancellationToken))!;

        var former = await FormerListAsync(store);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        CollectionAssert.AreEqual(new[] { "g-bare", "g-full", "g-ß", "g-odd" }, former.Select(g => g.Gate.BookmarkId).ToArray(), "oldest first, then by id");
        Assert.AreEqual(4, JsonNode.Parse(body)!.AsArray().Count);
        Assert.AreEqual(JsonSerializer.Serialize(former.Select(g => FormerGateJson(g.Gate, g.Run)), options), body);
        Assert.AreEqual(JsonSerializer.Serialize(former.Skip(1).Take(2).Select(g => FormerGateJson(g.Gate, g.Run)), options), page);
        Assert.AreEqual(JsonSerializer.Serialize(former.Take(2).Select(g => FormerGateJson(g.Gate, g.Run)), options), ofRun);
        Assert.AreEqual(
            JsonSerializer.Serialize(former.Skip(2).Select(g => FormerGateJson(g.Gate, g.Run)), options),
            runView["pendingApprovals"]!.ToJsonString(options),
            "a run's pendingApprovals are written by the same writer");
    }

    [TestMethod]
    public void Write_PayloadsAsAnyJsonCouldHoldThem_WhatTheFormerRenderingWrote()
    {
        string[] payloads =
        [
            """{"\u006bind":"approval","title":"caf\u00e9 \"x\" <b>&amp;","instructions":"tab\there \ud83d\ude00","allowedRoles":["approver","r\u00f6le"]}""",
            """ { "kind" : 5 , "title" : {"a": [1, "é", {"b": null}]}, "instructions": true, "allowedRoles": "approver" } """,
            """{"allowedRoles":[1.50e3,-0,true,false,null,{"n\u00e4me":"v\/w"}],"title":null,"kind":null,"extra":{"deep":[[[]]]}}""",
            "{}",
            """{"title":"raw UTF-8 é ✓ 🚀 \u2028","instructions":"</script><script>","kind":"manualStep","allowedRoles":[]}""",
            $$"""{"title":"{{string.Concat(Enumerable.Repeat("\\u00e9\\n", 120))}}","kind":"","instructions":"\u0001"}""",

            // A name given twice: the former rendering failed on it (JsonObject rejects it); the last one counts.
            """{"title":"the last of two","title":["counts"]}""",
        ];
        var gates = payloads.Select((payload, i) => (
            Payload: Encoding.UTF8.GetBytes(payload),
            Gate: Gate(
                $"gate-{i}-ß",
                "run-ü",
                i % 2 == 0 ? "Approval" : "ManualStep",
                i == 6 ? new JsonObject { ["title"] = new JsonArray("counts") } : (JsonObject)JsonNode.Parse(payload)!,
                new DateTimeOffset(2025, 3, 14, 11, 26, 53, TimeSpan.FromHours(i % 3)).AddTicks(i * 1_000_010),
                i % 2 == 0 ? null : T0.AddDays(i))))
            .ToList();
        var run = Run("run-ü", "aktivierung-日本", "zoë", T0);

        // The API's options (ASP.NET Core's, which escape little), and the serializer's strict default escaping.
        var api = new JsonOptions().SerializerOptions;
        RunbookHostApp.ConfigureJson(api);
        var strict = new JsonSerializerOptions(api) { Encoder = null };
        foreach (var options in new[] { api, strict })
        {
            Assert.AreEqual(JsonSerializer.Serialize(gates.Select(g => FormerGateJson(g.Gate, run)), options), Written(gates, run, options));
        }

        Assert.AreNotEqual(Written(gates, run, api), Written(gates, run, strict), "the writer escapes as the options say");
    }

    private static string Written(List<(byte[] Payload, Bookmark Gate)> gates, RunRecord run, JsonSerializerOptions options)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, ApprovalJson.WriterOptions(options)))
        {
            writer.WriteStartArray();
            foreach (var (payload, gate) in gates)
            {
                ApprovalJson.Write(writer, new PendingGateRow
                {
                    BookmarkId = Encoding.UTF8.GetBytes(gate.BookmarkId),
                    RunId = Encoding.UTF8.GetBytes(gate.RunId),
                    ActivityId = Encoding.UTF8.GetBytes(gate.ActivityId),
                    Name = Encoding.UTF8.GetBytes(gate.Name),
                    Payload = payload,
                    CreatedAt = gate.CreatedAt,
                    ResumeAt = gate.ResumeAt,
                    DefinitionId = Encoding.UTF8.GetBytes(run.DefinitionId),
                    StartedBy = Encoding.UTF8.GetBytes(run.StartedBy),
                });
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [TestMethod]
    public void Write_PayloadNotAJsonObject_Throws()
    {
        foreach (string payload in new[] { "[]", "\"text\"", "", "{\"title\":" })
        {
            var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());
            var bytes = Encoding.UTF8.GetBytes(payload);
            var error = Assert.Throws<Exception>(() => ApprovalJson.Write(writer, new PendingGateRow
            {
                BookmarkId = "g"u8,
                RunId = "r"u8,
                ActivityId = "a"u8,
                Name = "Approval"u8,
                Payload = bytes,
                CreatedAt = T0,
                DefinitionId = "d"u8,
                StartedBy = "s"u8,
            }));
            Assert.IsTrue(error is InvalidDataException or JsonException, $"{payload}: {error}");
        }
    }

    /// <summary>
    /// How the API rendered a gate before it wrote JSON straight from the store's bytes (an anonymous object
    /// the serializer wrote with the API's options): kept here, frozen, so that the writer cannot drift from it.
    /// </summary>
    private static object FormerGateJson(Bookmark gate, RunRecord run) => new
    {
        approvalId = gate.BookmarkId,
        kind = gate.Payload["kind"]?.ToString() ?? (gate.Name == "Approval" ? "approval" : "manualStep"),
        runId = gate.RunId,
        definitionId = run.DefinitionId,
        activityId = gate.ActivityId,
        title = gate.Payload["title"]?.ToString(),
        instructions = gate.Payload["instructions"]?.ToString(),
        requestedAt = gate.CreatedAt,
        startedBy = run.StartedBy,
        allowedRoles = gate.Payload["allowedRoles"],
        expiresAt = gate.ResumeAt,
    };

    /// <summary>The pending gates and their runs, read from the store the way the endpoint once did.</summary>
    private async Task<List<(Bookmark Gate, RunRecord Run)>> FormerListAsync(IRunStore store)
    {
        var gates = await store.GetBookmarksAsync(new BookmarkQuery(Names: ApprovalsApi.GateNames), TestContext.CancellationToken);
        var list = new List<(Bookmark, RunRecord)>();
        foreach (var gate in gates)
        {
            list.Add((gate, (await store.GetAsync(gate.RunId, TestContext.CancellationToken))!));
        }

        return list;
    }

    private async Task AddRunAsync(IRunStore store, string runId, string definitionId, string startedBy, DateTimeOffset at, params Bookmark[] gates)
    {
        var started = JournalChain.Create(1, at, JournalKinds.RunStarted, null, startedBy, "started", null, JournalChain.Genesis);
        var run = Run(runId, definitionId, startedBy, at) with { LastSeq = 1, LastHash = started.Hash };
        await store.CommitAsync(new RunCommit { Run = run, Journal = [started], AddBookmarks = gates }, TestContext.CancellationToken);
    }

    private static RunRecord Run(string runId, string definitionId, string startedBy, DateTimeOffset at) => new()
    {
        RunId = runId,
        DefinitionId = definitionId,
        DefinitionVersion = 1,
        Status = RunStatus.Suspended,
        StartedBy = startedBy,
        StartedAt = at,
        UpdatedAt = at,
        Input = [],
        Version = 1,
        LastSeq = 0,
        LastHash = JournalChain.Genesis,
        State = """{"activities":{}}"""u8.ToArray(),
    };

    private static Bookmark Gate(string id, string runId, string name, JsonObject payload, DateTimeOffset at, DateTimeOffset? resumeAt = null) => new()
    {
        BookmarkId = id,
        RunId = runId,
        ActivityPath = "root/" + id,
        ActivityId = "ask-" + id,
        Name = name,
        Hash = "hash-" + id,
        Payload = payload,
        CreatedAt = at,
        ResumeAt = resumeAt,
    };
}
