using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Serialization;

/// <summary>
/// Canonical JSON: object keys sorted ordinally, no whitespace, one escaping rule. Two equal
/// documents always give the same bytes, which is what the journal's hash chain needs.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> buffer) => new(buffer, WriterOptions);

    /// <summary>Whether the canonical rule writes <paramref name="c"/> in a string as it is (not escaped).</summary>
    public static bool WritesVerbatim(char c)
    {
        string text = c.ToString();
        return JsonEncodedText.Encode(text, WriterOptions.Encoder).Value == text;
    }

    public static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                if (obj.Count > 1)
                {
                    var keys = new string[obj.Count];
                    for (int i = 0; i < keys.Length; i++)
                    {
                        keys[i] = obj.GetAt(i).Key;
                    }

                    Array.Sort(keys, StringComparer.Ordinal);
                    foreach (string key in keys)
                    {
                        writer.WritePropertyName(key);
                        Write(writer, obj[key]);
                    }
                }
                else
                {
                    for (int i = 0; i < obj.Count; i++)
                    {
                        var (key, value) = obj.GetAt(i);
                        writer.WritePropertyName(key);
                        Write(writer, value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                for (int i = 0; i < array.Count; i++)
                {
                    Write(writer, array[i]);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteValue(writer, (JsonValue)node);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                writer.WriteStringValue(StringOf(value));
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonValueKind.Null:
                writer.WriteNullValue();
                break;
            default:
                // Numbers: normalise the text so that 1, 1.0 and 1e0 from different writers agree.
                string text = value.ToJsonString();
                if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long whole))
                {
                    writer.WriteNumberValue(whole);
                }
                else
                {
                    double d = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                    if (d == Math.Floor(d) && Math.Abs(d) < 9e15)
                    {
                        writer.WriteNumberValue((long)d);
                    }
                    else
                    {
                        writer.WriteNumberValue(d);
                    }
                }

                break;
        }
    }

    /// <summary>The text of a string value, whatever .NET value it was created from (a DateTimeOffset, a Guid...).</summary>
    public static string StringOf(JsonValue value) =>
        value.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString())!;

    public static string ToString(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = CreateWriter(buffer))
        {
            Write(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
