using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// Writes a <see cref="RunState"/> as JSON on every commit: the same bytes as <c>JsonSerializer</c> with
/// <see cref="RunStateJson"/> (camelCase, nulls left out, enums as names), which is what
/// <see cref="RunState.Deserialize"/> reads; a test holds the two to byte equality. The state's frame,
/// its ready list and its keys are written as bytes into a buffer kept per thread; a scope or activity
/// unchanged since it was last written is copied from the bytes kept then, and anything else (values,
/// changed activities) goes through System.Text.Json's writer with the serializer's escaping rule.
/// </summary>
internal static class RunStateWriter
{
    /// <summary>The whole state as JSON, in the shape <see cref="RunState.Deserialize"/> reads.</summary>
    public static byte[] ToBytes(RunState state)
    {
        var json = t_state ??= new JsonBuffer(4096, WriterOptions);
        json.Reset();
        Write(json, state);
        byte[] bytes = json.Written.ToArray();
        if (json.Capacity > 256 * 1024)
        {
            t_state = null; // a huge state (a long error, big outputs): do not keep its buffer alive on this thread
        }

        return bytes;
    }

    private static void Write(JsonBuffer json, RunState state)
    {
        json.Raw("{\"scopes\":{"u8);
        bool first = true;
        foreach (var (id, scope) in state.Scopes)
        {
            Next(json, ref first);
            json.Name(id);
            WriteKept(json, scope);
        }

        json.Raw("},\"ready\":["u8);
        first = true;
        foreach (var item in state.Ready)
        {
            Next(json, ref first);
            json.Raw("{\"scope\":"u8);
            json.String(item.Scope);
            json.Raw(",\"nodeId\":"u8);
            json.String(item.NodeId);
            if (item.From is not null)
            {
                json.Raw(",\"from\":"u8);
                json.String(item.From);
            }

            json.Byte((byte)'}');
        }

        json.Raw("],\"activities\":{"u8);
        first = true;
        foreach (var (path, activity) in state.Activities)
        {
            Next(json, ref first);
            json.Name(path);
            WriteKept(json, activity);
        }

        json.Raw("},\"variables\":"u8);
        WriteNodes(json, state.Variables);
        json.Raw(",\"outputs\":{"u8);
        first = true;
        foreach (var (id, output) in state.Outputs)
        {
            Next(json, ref first);
            json.Name(id);
            json.Through(output, static (w, o) => o.WriteTo(w, Options));
        }

        json.Byte((byte)'}');
        if (state.CancelReason is not null)
        {
            json.Raw(",\"cancelReason\":"u8);
            json.String(state.CancelReason);
        }

        json.Byte((byte)'}');
    }

    private static void Next(JsonBuffer json, ref bool first)
    {
        if (!first)
        {
            json.Byte((byte)',');
        }

        first = false;
    }

    /// <summary>A scope as JSON; one without locals (which is all that can change in it) from the bytes kept.</summary>
    private static void WriteKept(JsonBuffer json, ScopeState scope)
    {
        if (scope.Locals.Count > 0)
        {
            json.Through(scope, Write);
            return;
        }

        scope.Written ??= Detached(scope, Write);
        json.Raw(scope.Written);
    }

    private static void Write(Utf8JsonWriter writer, ScopeState scope)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Id, scope.Id);
        writer.WriteString(Names.Parent, scope.Parent);
        writer.WriteString(Names.OwnerPath, scope.OwnerPath);
        writer.WriteNumber(Names.Index, scope.Index);
        writer.WritePropertyName(Names.Locals);
        WriteNodes(writer, scope.Locals);
        writer.WriteEndObject();
    }

    /// <summary>An activity as JSON: from the bytes kept when it has not changed since they were written.</summary>
    private static void WriteKept(JsonBuffer json, ActivityState activity)
    {
        if (activity.Written is { } written && written.Matches(activity))
        {
            json.Raw(written.Json);
            return;
        }

        if (!WrittenActivity.CanKeep(activity))
        {
            activity.Written = null;
            json.Through(activity, Write);
            return;
        }

        byte[] bytes = Detached(activity, Write);
        activity.Written = new WrittenActivity(activity, bytes);
        json.Raw(bytes);
    }

    /// <summary><paramref name="value"/> written as JSON on its own, to be kept.</summary>
    private static byte[] Detached<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var piece = t_piece ??= new JsonBuffer(512, WriterOptions);
        piece.Reset();
        piece.Through(value, write);
        byte[] bytes = piece.Written.ToArray();
        if (piece.Capacity > 64 * 1024)
        {
            t_piece = null;
        }

        return bytes;
    }

    /// <summary>The whole state's buffer; a piece is written into its own while the state's is in use.</summary>
    [ThreadStatic]
    private static JsonBuffer? t_state;

    [ThreadStatic]
    private static JsonBuffer? t_piece;

    private static void Write(Utf8JsonWriter writer, ActivityState activity)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.NodeId, activity.NodeId);
        writer.WriteString(Names.Type, activity.Type);
        writer.WriteString(Names.Scope, activity.Scope);
        writer.WriteString(Names.Status, StatusNames[(int)activity.Status]);
        WriteStrings(writer, Names.Outcomes, activity.Outcomes);
        WriteTime(writer, Names.StartedAt, activity.StartedAt);
        WriteTime(writer, Names.CompletedAt, activity.CompletedAt);
        writer.WriteNumber(Names.Attempt, activity.Attempt);
        WriteTime(writer, Names.RetryAt, activity.RetryAt);
        if (activity.BookmarkId is not null)
        {
            writer.WriteString(Names.BookmarkId, activity.BookmarkId);
        }

        if (activity.IncidentId is not null)
        {
            writer.WriteString(Names.IncidentId, activity.IncidentId);
        }

        WriteStrings(writer, Names.Arrived, activity.Arrived);
        writer.WriteNumber(Names.OpenScopes, activity.OpenScopes);
        if (activity.State is not null)
        {
            writer.WritePropertyName(Names.State);
            activity.State.WriteTo(writer, Options);
        }

        if (activity.Error is not null)
        {
            writer.WriteString(Names.Error, activity.Error);
        }

        writer.WriteEndObject();
    }

    private static void WriteNodes(JsonBuffer json, Dictionary<string, JsonNode?> nodes)
    {
        if (nodes.Count == 0)
        {
            json.Raw("{}"u8);
            return;
        }

        json.Through(nodes, WriteNodes);
    }

    private static void WriteNodes(Utf8JsonWriter writer, Dictionary<string, JsonNode?> nodes)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in nodes)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer, Options);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, JsonEncodedText name, List<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            writer.WriteString(name, at);
        }
    }

    private static readonly JsonSerializerOptions Options = RunStateJson.Default.Options;

    /// <summary>The serializer's escaping rule (after <see cref="Options"/>, which it reads).</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = Options.Encoder };

    private static readonly JsonEncodedText[] StatusNames = [.. Enum.GetNames<ActivityStatus>().Select(n => JsonEncodedText.Encode(n))];

    private static class Names
    {
        public static readonly JsonEncodedText Scopes = JsonEncodedText.Encode("scopes");
        public static readonly JsonEncodedText Ready = JsonEncodedText.Encode("ready");
        public static readonly JsonEncodedText Activities = JsonEncodedText.Encode("activities");
        public static readonly JsonEncodedText Variables = JsonEncodedText.Encode("variables");
        public static readonly JsonEncodedText Outputs = JsonEncodedText.Encode("outputs");
        public static readonly JsonEncodedText CancelReason = JsonEncodedText.Encode("cancelReason");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Parent = JsonEncodedText.Encode("parent");
        public static readonly JsonEncodedText OwnerPath = JsonEncodedText.Encode("ownerPath");
        public static readonly JsonEncodedText Index = JsonEncodedText.Encode("index");
        public static readonly JsonEncodedText Locals = JsonEncodedText.Encode("locals");
        public static readonly JsonEncodedText Scope = JsonEncodedText.Encode("scope");
        public static readonly JsonEncodedText NodeId = JsonEncodedText.Encode("nodeId");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Outcomes = JsonEncodedText.Encode("outcomes");
        public static readonly JsonEncodedText StartedAt = JsonEncodedText.Encode("startedAt");
        public static readonly JsonEncodedText CompletedAt = JsonEncodedText.Encode("completedAt");
        public static readonly JsonEncodedText Attempt = JsonEncodedText.Encode("attempt");
        public static readonly JsonEncodedText RetryAt = JsonEncodedText.Encode("retryAt");
        public static readonly JsonEncodedText BookmarkId = JsonEncodedText.Encode("bookmarkId");
        public static readonly JsonEncodedText IncidentId = JsonEncodedText.Encode("incidentId");
        public static readonly JsonEncodedText Arrived = JsonEncodedText.Encode("arrived");
        public static readonly JsonEncodedText OpenScopes = JsonEncodedText.Encode("openScopes");
        public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
        public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    }
}
