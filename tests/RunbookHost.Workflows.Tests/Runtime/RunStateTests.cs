using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Workflows.Runtime;

namespace RunbookHost.Workflows.Tests.Runtime;

[TestClass]
public sealed class RunStateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Serialize_RoundTrips_EveryPart()
    {
        var state = SampleState();

        var copy = RunState.Deserialize(state.Serialize());

        Assert.AreEqual(Canonical(state), Canonical(copy));
        Assert.AreEqual("operator stopped it", copy.CancelReason);
        Assert.AreEqual(ActivityStatus.Completed, copy.Activities["root/check"].Status);
        Assert.AreEqual("Done", copy.Activities["root/check"].Outcomes![0]);
        Assert.AreEqual("standby", copy.Variables["site"]!.ToString());
        Assert.AreEqual(3, copy.Outputs["check"]["count"]!.GetValue<int>());
        Assert.AreEqual("root", copy.Scopes["root"].Id);
        Assert.AreEqual("flip", copy.Ready[0].NodeId);
    }

    [TestMethod]
    public void Serialize_ActivitiesInProgress_AreWrittenAsTheyAreNow()
    {
        var state = SampleState();
        state.Serialize();
        var flip = state.Activities["root/flip"];

        flip.Attempt = 3;
        flip.Status = ActivityStatus.RetryPending;
        var copy = RunState.Deserialize(state.Serialize());

        Assert.AreEqual(3, copy.Activities["root/flip"].Attempt);
        Assert.AreEqual(ActivityStatus.RetryPending, copy.Activities["root/flip"].Status);
    }

    [TestMethod]
    public void Serialize_WritesTheSameBytesAsTheSerializer()
    {
        // The commit path writes the state by hand; the serializer is what reads it back.
        var state = EverythingState();

        string written = System.Text.Encoding.UTF8.GetString(state.Serialize());

        Assert.AreEqual(JsonSerializer.Serialize(state, RunStateJson.Default.RunState), written);
        state.CancelReason = null;
        Assert.AreEqual(JsonSerializer.Serialize(state, RunStateJson.Default.RunState), System.Text.Encoding.UTF8.GetString(state.Serialize()));
    }

    [TestMethod]
    public void Deserialize_ReadsWhatTheSerializerReads()
    {
        // Executions read the state by hand; what they read must be what the serializer reads.
        byte[] written = EverythingState().Serialize();

        var byHand = RunState.Deserialize(written);
        var bySerializer = JsonSerializer.Deserialize(written, RunStateJson.Default.RunState)!;

        Assert.AreEqual(JsonSerializer.Serialize(bySerializer, RunStateJson.Default.RunState), JsonSerializer.Serialize(byHand, RunStateJson.Default.RunState));
        Assert.AreEqual("stopped: <b>\"now\"</b> é", byHand.CancelReason);
        Assert.AreEqual(ActivityStatus.Faulted, byHand.Activities["root/join"].Status);
        Assert.IsNull(byHand.Variables["nothing"]);
    }

    [TestMethod]
    public void Deserialize_MembersInAnotherOrderUnknownMembersNullsAndNumericStatus_ReadAsTheSerializerReads()
    {
        const string json = """
            {"future":{"x":[1,2]},"outputs":{"a":{"n":1}},"variables":{"v":null,"w":[true]},
             "activities":{"root":{"status":5,"extra":1,"scope":"","type":"Flowchart","nodeId":"root","attempt":1,"openScopes":0,"outcomes":null,"startedAt":"2026-11-25T08:00:00.5+01:00"}},
             "ready":[{"from":"a:Done","nodeId":"b","scope":"root"}],
             "scopes":{"root":{"locals":{"i":3},"index":0,"ownerPath":"root","parent":"","id":"root"}},
             "cancelReason":null}
            """;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(json);

        var byHand = RunState.Deserialize(bytes);
        var bySerializer = JsonSerializer.Deserialize(bytes, RunStateJson.Default.RunState)!;

        Assert.AreEqual(JsonSerializer.Serialize(bySerializer, RunStateJson.Default.RunState), JsonSerializer.Serialize(byHand, RunStateJson.Default.RunState));
        Assert.AreEqual(ActivityStatus.Completed, byHand.Activities["root"].Status);
        Assert.AreEqual(3, byHand.Scopes["root"].Locals["i"]!.GetValue<int>());
    }

    [TestMethod]
    public void Deserialize_ActivityWithoutItsNodeId_Throws()
    {
        byte[] bytes = """{"activities":{"root":{"type":"Flowchart","scope":"","status":"Executing"}}}"""u8.ToArray();

        var error = Assert.ThrowsExactly<JsonException>(() => RunState.Deserialize(bytes));

        StringAssert.Contains(error.Message, "nodeId");
    }

    [TestMethod]
    public void Serialize_AnActivityChangedAfterItWasWritten_WritesTheChange()
    {
        // Unchanged activities are written again from kept bytes; no change may be lost to them.
        var changes = new (string What, Action<ActivityState> Change)[]
        {
            ("status", a => a.Status = ActivityStatus.Suspended),
            ("outcomes", a => a.Outcomes = ["Done"]),
            ("startedAt", a => a.StartedAt = At.AddMinutes(1)),
            ("completedAt", a => a.CompletedAt = At.AddMinutes(2)),
            ("attempt", a => a.Attempt = 5),
            ("retryAt", a => a.RetryAt = At.AddMinutes(3)),
            ("bookmarkId", a => a.BookmarkId = "bm-9"),
            ("incidentId", a => a.IncidentId = "inc-9"),
            ("arrived", a => a.Arrived = ["x:Done"]),
            ("openScopes", a => a.OpenScopes = 7),
            ("state", a => a.State = new JsonObject { ["since"] = "09:00" }),
            ("error", a => a.Error = "it broke"),
        };
        foreach (var (what, change) in changes)
        {
            var state = SampleState();
            state.Serialize();
            state.Serialize();

            change(state.Activities["root"]);
            string written = System.Text.Encoding.UTF8.GetString(state.Serialize());

            Assert.AreEqual(JsonSerializer.Serialize(state, RunStateJson.Default.RunState), written, what);
        }
    }

    [TestMethod]
    public void Serialize_AJoinsArrivalsAddedInPlace_AreWritten()
    {
        var state = SampleState();
        var join = new ActivityState { NodeId = "join", Type = "Join", Scope = "root", Status = ActivityStatus.Waiting, Arrived = ["a:Done"] };
        state.Activities["root/join"] = join;
        state.Serialize();

        join.Arrived.Add("b:Done");
        var copy = RunState.Deserialize(state.Serialize());

        CollectionAssert.AreEqual(new[] { "a:Done", "b:Done" }, copy.Activities["root/join"].Arrived);
    }

    /// <summary>A state with every member of every part set, and keys and texts that need escaping.</summary>
    private static RunState EverythingState()
    {
        var state = SampleState();
        var everything = new ActivityState
        {
            NodeId = "join \"x\" é",
            Type = "Join",
            Scope = "root",
            Status = ActivityStatus.Faulted,
            Outcomes = ["A", "B"],
            StartedAt = At,
            CompletedAt = At.AddTicks(1234567),
            Attempt = 4,
            RetryAt = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(2)),
            BookmarkId = "bm-1",
            IncidentId = "inc-1",
            Arrived = ["a:Done", "b:Done"],
            OpenScopes = 2,
            State = new JsonObject { ["n"] = 1.5, ["list"] = new JsonArray(1, "two", null), ["when"] = JsonValue.Create(At) },
            Error = "line 1\nline 2 <b>&</b>",
        };
        foreach (var property in typeof(ActivityState).GetProperties().Where(p => p.CanWrite))
        {
            object? value = property.GetValue(everything);
            Assert.IsFalse(value is null || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType))), $"the sample leaves {property.Name} at its default");
        }

        state.Activities["root/join"] = everything;
        state.Activities["root/waiting"] = new ActivityState { NodeId = "waiting", Type = "Join", Scope = "root", Status = ActivityStatus.Waiting, Arrived = [] };
        state.Ready.Add(new WorkItem("root", "first", null));
        state.Variables["nothing"] = null;
        state.Variables["count"] = 3;
        state.Variables["nested"] = new JsonObject { ["a"] = new JsonArray(true, false) };
        state.Scopes["root/each[0]"] = new ScopeState { Id = "root/each[0]", Parent = "root", OwnerPath = "root/each", Index = 0 };
        state.Scopes["root/each[1]"] = new ScopeState { Id = "root/each[1]", Parent = "root", OwnerPath = "root/each", Index = 1, Locals = { ["item"] = "ex<01> & ü" } };
        state.Activities["root/<é \"quoted\">"] = new ActivityState { NodeId = "<é \"quoted\">", Type = "Log", Scope = "root", Status = ActivityStatus.Executing };
        state.Ready.Add(new WorkItem("root/each[1]", "step 'é'", "a+b:Done`"));
        state.Outputs["<out>"] = new JsonObject { ["text"] = "ü\u2028" };
        state.CancelReason = "stopped: <b>\"now\"</b> é";

        return state;
    }

    private static RunState SampleState()
    {
        var state = new RunState { CancelReason = "operator stopped it" };
        state.Scopes["root"] = new ScopeState { Id = "root", Parent = string.Empty, OwnerPath = "root", Index = 0, Locals = new(StringComparer.Ordinal) { ["each"] = JsonValue.Create(1) } };
        state.Ready.Add(new WorkItem("root", "flip", "check:Done"));
        state.Activities["root"] = new ActivityState { NodeId = "root", Type = "Flowchart", Scope = string.Empty, Status = ActivityStatus.Executing, OpenScopes = 1, StartedAt = At, Attempt = 1 };
        state.Activities["root/check"] = new ActivityState { NodeId = "check", Type = "Log", Scope = "root", Status = ActivityStatus.Completed, Outcomes = ["Done"], StartedAt = At, CompletedAt = At.AddSeconds(1), Attempt = 1 };
        state.Activities["root/flip"] = new ActivityState { NodeId = "flip", Type = "Exchange.FlipReplication", Scope = "root", Status = ActivityStatus.Executing, StartedAt = At, Attempt = 2, State = new JsonObject { ["since"] = "08:00" } };
        state.Variables["site"] = "standby";
        state.Outputs["check"] = new JsonObject { ["count"] = 3 };
        return state;
    }

    private static string Canonical(RunState state) => JsonSerializer.Serialize(state, RunStateJson.Default.RunState);
}
