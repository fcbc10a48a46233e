using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunbookHost.Workflows.Stores;

namespace RunbookHost.Server.Api;

/// <summary>
/// A pending gate as the API shows it (<c>GET /api/approvals</c>, a run's <c>pendingApprovals</c>):
/// <c>{approvalId, kind, runId, definitionId, activityId, title, instructions, requestedAt, startedBy,
/// allowedRoles, expiresAt}</c>, written straight from the store's UTF-8 rows with a <see cref="Utf8JsonWriter"/>.
/// </summary>
/// <remarks>
/// The JSON is what the API's serializer made of the gate before (an anonymous object of those names, nulls
/// written): <c>kind</c>, <c>title</c> and <c>instructions</c> are the payload's members as text (a
/// non-string member as its JSON text, as <see cref="JsonNode.ToString"/> gives it), <c>kind</c> falling back
/// to the bookmark's name; <c>allowedRoles</c> is the payload's member as JSON, or null; times as the
/// serializer writes a <see cref="DateTimeOffset"/>. Strings are re-escaped with the writer's encoder, as the
/// serializer does. Tests pin it against that former rendering.
/// </remarks>
internal static class ApprovalJson
{
    /// <summary>Escaped strings up to this long are unescaped on the stack.</summary>
    private const int ScratchBytes = 256;

    private static readonly JsonEncodedText ApprovalId = JsonEncodedText.Encode("approvalId");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText RunId = JsonEncodedText.Encode("runId");
    private static readonly JsonEncodedText DefinitionId = JsonEncodedText.Encode("definitionId");
    private static readonly JsonEncodedText ActivityId = JsonEncodedText.Encode("activityId");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Instructions = JsonEncodedText.Encode("instructions");
    private static readonly JsonEncodedText RequestedAt = JsonEncodedText.Encode("requestedAt");
    private static readonly JsonEncodedText StartedBy = JsonEncodedText.Encode("startedBy");
    private static readonly JsonEncodedText AllowedRoles = JsonEncodedText.Encode("allowedRoles");
    private static readonly JsonEncodedText ExpiresAt = JsonEncodedText.Encode("expiresAt");

    /// <summary>The writer settings the serializer derives from <paramref name="options"/> (encoder, indentation).</summary>
    public static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
    };

    /// <summary>
    /// Writes the JSON array of the gates <paramref name="query"/> selects into <paramref name="output"/> as the
    /// store reads them (no list, no strings); returns how many.
    /// </summary>
    public static async Task<int> WriteListAsync(IRunStore store, PendingGateQuery query, IBufferWriter<byte> output, JsonWriterOptions options, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, options);
        writer.WriteStartArray();
        int count = await store.ReadPendingGatesAsync(query, (in PendingGateRow gate) => Write(writer, gate), cancellationToken);
        writer.WriteEndArray();
        writer.Flush();
        return count;
    }

    /// <summary>A run's pending gates, written as <see cref="WriteListAsync"/> writes them when serialized.</summary>
    public static RunGates ForRun(IReadOnlyList<Bookmark> gates, RunRecord run) => new(gates, run);

    /// <summary>Writes one gate.</summary>
    public static void Write(Utf8JsonWriter writer, in PendingGateRow gate)
    {
        var payload = GatePayload.Read(gate.Payload);
        writer.WriteStartObject();
        writer.WriteString(ApprovalId, gate.BookmarkId);
        if (!TryWriteText(writer, Kind, payload.Kind))
        {
            writer.WriteString(Kind, gate.Name.SequenceEqual("Approval"u8) ? "approval"u8 : "manualStep"u8);
        }

        writer.WriteString(RunId, gate.RunId);
        writer.WriteString(DefinitionId, gate.DefinitionId);
        writer.WriteString(ActivityId, gate.ActivityId);
        WriteTextOrNull(writer, Title, payload.Title);
        WriteTextOrNull(writer, Instructions, payload.Instructions);
        writer.WriteString(RequestedAt, gate.CreatedAt);
        writer.WriteString(StartedBy, gate.StartedBy);
        if (payload.AllowedRoles.IsNull)
        {
            writer.WriteNull(AllowedRoles);
        }
        else
        {
            writer.WritePropertyName(AllowedRoles);
            Copy(writer, payload.AllowedRoles.Json);
        }

        if (gate.ResumeAt is { } expiresAt)
        {
            writer.WriteString(ExpiresAt, expiresAt);
        }
        else
        {
            writer.WriteNull(ExpiresAt);
        }

        writer.WriteEndObject();
    }

    private static void WriteTextOrNull(Utf8JsonWriter writer, JsonEncodedText name, in GatePayload.Member member)
    {
        if (!TryWriteText(writer, name, member))
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>The member as text, as <c>JsonNode.ToString()</c> gives it; false when it is missing or null.</summary>
    private static bool TryWriteText(Utf8JsonWriter writer, JsonEncodedText name, in GatePayload.Member member)
    {
        if (member.IsNull)
        {
            return false;
        }

        if (member.Token != JsonTokenType.String)
        {
            // Rare (the activities write strings): a number, literal, object or array as its (indented) JSON text.
            writer.WriteString(name, JsonNode.Parse(member.Json)!.ToString());
            return true;
        }

        if (!member.IsEscaped)
        {
            writer.WriteString(name, member.Json[1..^1]);
            return true;
        }

        var reader = new Utf8JsonReader(member.Json);
        reader.Read();
        writer.WriteString(name, Unescaped(reader, stackalloc byte[ScratchBytes]));
        return true;
    }

    /// <summary>
    /// Writes a JSON value token by token, as the serializer writes a <see cref="JsonNode"/> parsed from it:
    /// names and strings unescaped and escaped again by the writer, numbers as written.
    /// </summary>
    private static void Copy(Utf8JsonWriter writer, ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Span<byte> scratch = stackalloc byte[ScratchBytes];
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(Unescaped(reader, scratch));
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(Unescaped(reader, scratch));
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
    }

    /// <summary>
    /// The current string or name token's value, unescaped: as it is in the input when it has no escapes,
    /// else copied into <paramref name="scratch"/> (or, when longer, an array of its own).
    /// </summary>
    private static ReadOnlySpan<byte> Unescaped(in Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        // Unescaped, a value is never longer than escaped.
        var buffer = reader.ValueSpan.Length <= scratch.Length ? scratch : new byte[reader.ValueSpan.Length];
        return buffer[..reader.CopyString(buffer)];
    }

    /// <summary>Pending gates that serialize as the API shows them; see <see cref="ForRun"/>.</summary>
    [JsonConverter(typeof(Converter))]
    internal sealed class RunGates(IReadOnlyList<Bookmark> gates, RunRecord run)
    {
        public IReadOnlyList<Bookmark> Gates { get; } = gates;

        public RunRecord Run { get; } = run;

        private sealed class Converter : JsonConverter<RunGates>
        {
            public override RunGates Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                throw new NotSupportedException("Pending gates are only written.");

            public override void Write(Utf8JsonWriter writer, RunGates value, JsonSerializerOptions options)
            {
                var encoder = new PendingGateEncoder();
                writer.WriteStartArray();
                foreach (var gate in value.Gates)
                {
                    encoder.Visit(gate, value.Run.DefinitionId, value.Run.StartedBy, (in PendingGateRow row) => ApprovalJson.Write(writer, row));
                }

                writer.WriteEndArray();
            }
        }
    }
}
