using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Serialization;

/// <summary>
/// Canonical JSON: object keys sorted ordinally, no whitespace, one escaping rule (System.Text.Json's
/// writer with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>), integers written as
/// integers however they were built. Two equal documents always give the same bytes, which is what
/// the journal's hash chain needs.
/// </summary>
internal static class CanonicalJson
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public static string ToString(JsonNode? node)
    {
        var writer = new CanonicalWriter(256);
        writer.Node(node);
        return System.Text.Encoding.UTF8.GetString(writer.Written);
    }

    /// <summary>The text of a string value, whatever .NET value it was created from (a DateTimeOffset, a Guid...).</summary>
    public static string StringOf(JsonValue value) =>
        value.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString())!;

    /// <summary>
    /// A number in canonical form: 1, 1.0 and 1e0 from different writers agree (as the integer 1);
    /// other numbers as System.Text.Json writes the double.
    /// </summary>
    internal static void WriteNumber(Utf8JsonWriter writer, JsonValue value)
    {
        string text = value.ToJsonString();
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long whole))
        {
            writer.WriteNumberValue(whole);
            return;
        }

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
}

/// <summary>Writes canonical JSON (see <see cref="CanonicalJson"/>) into a buffer it owns.</summary>
internal sealed class CanonicalWriter(int initialSize) : JsonBuffer(initialSize, CanonicalJson.WriterOptions)
{
    public void Node(JsonNode? node)
    {
        switch (node)
        {
            case null:
                Raw("null"u8);
                break;
            case JsonObject obj:
                Object(obj);
                break;
            case JsonArray array:
                Byte((byte)'[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        Byte((byte)',');
                    }

                    Node(array[i]);
                }

                Byte((byte)']');
                break;
            default:
                Value((JsonValue)node);
                break;
        }
    }

    private void Object(JsonObject obj)
    {
        Byte((byte)'{');
        int count = obj.Count;
        if (count == 1)
        {
            var (key, value) = obj.GetAt(0);
            Name(key);
            Node(value);
        }
        else if (count > 1)
        {
            var keys = ArrayPool<string>.Shared.Rent(count);
            for (int i = 0; i < count; i++)
            {
                keys[i] = obj.GetAt(i).Key;
            }

            Array.Sort(keys, 0, count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    Byte((byte)',');
                }

                Name(keys[i]);
                Node(obj[keys[i]]);
            }

            Array.Clear(keys, 0, count);
            ArrayPool<string>.Shared.Return(keys);
        }

        Byte((byte)'}');
    }

    private void Value(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                String(CanonicalJson.StringOf(value));
                break;
            case JsonValueKind.True:
                Raw("true"u8);
                break;
            case JsonValueKind.False:
                Raw("false"u8);
                break;
            case JsonValueKind.Null:
                Raw("null"u8);
                break;
            default:
                if (value.TryGetValue(out int small))
                {
                    Integer(small);
                }
                else if (value.TryGetValue(out long whole))
                {
                    Integer(whole);
                }
                else
                {
                    Through(value, CanonicalJson.WriteNumber);
                }

                break;
        }
    }
}
