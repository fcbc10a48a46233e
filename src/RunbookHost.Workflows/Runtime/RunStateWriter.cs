using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// Writes a <see cref="RunState"/> as JSON on every commit, straight to the writer: the same bytes as
/// <c>JsonSerializer</c> with <see cref="RunStateJson"/> (camelCase, nulls left out, enums as names),
/// which is what <see cref="RunState.Deserialize"/> reads; a test holds the two to byte equality.
/// Going through the serializer cost a set-up per dictionary and per activity, on every commit.
/// </summary>
internal static class RunStateWriter
{
    public static void Write(Utf8JsonWriter writer, RunState state)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(Names.Scopes);
        foreach (var (id, scope) in state.Scopes)
        {
            writer.WritePropertyName(id);
            WriteKept(writer, scope);
        }

        writer.WriteEndObject();
        writer.WriteStartArray(Names.Ready);
        foreach (var item in state.Ready)
        {
            writer.WriteStartObject();
            writer.WriteString(Names.Scope, item.Scope);
            writer.WriteString(Names.NodeId, item.NodeId);
            if (item.From is not null)
            {
                writer.WriteString(Names.From, item.From);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject(Names.Activities);
        foreach (var (path, activity) in state.Activities)
        {
            writer.WritePropertyName(path);
            WriteKept(writer, activity);
        }

        writer.WriteEndObject();
        writer.WritePropertyName(Names.Variables);
        WriteNodes(writer, state.Variables);
        writer.WriteStartObject(Names.Outputs);
        foreach (var (id, output) in state.Outputs)
        {
            writer.WritePropertyName(id);
            output.WriteTo(writer, Options);
        }

        writer.WriteEndObject();
        if (state.CancelReason is not null)
        {
            writer.WriteString(Names.CancelReason, state.CancelReason);
        }

        writer.WriteEndObject();
    }

    /// <summary>A scope as JSON; one without locals (which is all that can change in it) from the bytes kept.</summary>
    private static void WriteKept(Utf8JsonWriter writer, ScopeState scope)
    {
        if (scope.Locals.Count > 0)
        {
            Write(writer, scope);
            return;
        }

        scope.Written ??= Detached(scope, Write);
        writer.WriteRawValue(scope.Written, skipInputValidation: true);
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
    private static void WriteKept(Utf8JsonWriter writer, ActivityState activity)
    {
        if (activity.Written is { } written && written.Matches(activity))
        {
            writer.WriteRawValue(written.Json, skipInputValidation: true);
            return;
        }

        if (!WrittenActivity.CanKeep(activity))
        {
            activity.Written = null;
            Write(writer, activity);
            return;
        }

        byte[] json = Detached(activity, Write);
        activity.Written = new WrittenActivity(activity, json);
        writer.WriteRawValue(json, skipInputValidation: true);
    }

    /// <summary>The whole state as JSON, in the shape <see cref="RunState.Deserialize"/> reads.</summary>
    public static byte[] ToBytes(RunState state) => Scratch.Write(ref t_state, 4096, 256 * 1024, state, Write);

    /// <summary><paramref name="value"/> written as JSON on its own, to be kept.</summary>
    private static byte[] Detached<T>(T value, Action<Utf8JsonWriter, T> write) => Scratch.Write(ref t_piece, 512, 64 * 1024, value, write);

    /// <summary>The whole state's buffer; a piece is written into its own while the state's is in use.</summary>
    [ThreadStatic]
    private static Scratch? t_state;

    [ThreadStatic]
    private static Scratch? t_piece;

    /// <summary>A buffer and writer reused per thread: the state is written on every commit.</summary>
    private sealed class Scratch(int initialSize)
    {
        private ArrayBufferWriter<byte> Buffer { get; } = new(initialSize);

        private Utf8JsonWriter Writer { get; } = new(new ArrayBufferWriter<byte>(1), new JsonWriterOptions { SkipValidation = true, Encoder = Options.Encoder });

        public static byte[] Write<T>(ref Scratch? slot, int initialSize, int maxRetained, T value, Action<Utf8JsonWriter, T> write)
        {
            var scratch = slot ??= new Scratch(initialSize);
            scratch.Buffer.ResetWrittenCount();
            scratch.Writer.Reset(scratch.Buffer);
            write(scratch.Writer, value);
            scratch.Writer.Flush();
            byte[] json = scratch.Buffer.WrittenSpan.ToArray();
            if (scratch.Buffer.Capacity > maxRetained)
            {
                slot = null; // a huge value (a long error, big outputs): do not keep its buffer alive on this thread
            }

            return json;
        }
    }

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
