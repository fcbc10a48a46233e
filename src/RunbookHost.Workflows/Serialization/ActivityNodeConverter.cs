using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Serialization;

/// <summary>
/// Reads and writes an activity in Elsa 3's flat shape, where each input is a property of the
/// activity object holding <c>{typeName, expression}</c>.
/// </summary>
internal sealed class ActivityNodeConverter : JsonConverter<ActivityNode>
{
    /// <summary>Properties of the activity itself; inputs may not use these names.</summary>
    internal static readonly HashSet<string> Reserved =
        ["id", "type", "version", "name", "resilience", "activities", "connections", "start", "body", "metadata"];

    public override ActivityNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An activity must be a JSON object.");
        }

        var obj = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("An activity must be a JSON object.");
        return FromObject(obj, options);
    }

    private static ActivityNode FromObject(JsonObject obj, JsonSerializerOptions options)
    {
        string? id = ReadString(obj, "id");
        string? type = ReadString(obj, "type");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new JsonException($"An activity{(type is null ? string.Empty : $" of type '{type}'")} has no 'id'.");
        }

        if (string.IsNullOrWhiteSpace(type))
        {
            throw new JsonException($"Activity '{id}' has no 'type'.");
        }

        var inputs = new Dictionary<string, InputValue>(StringComparer.Ordinal);
        var extra = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (Reserved.Contains(key))
            {
                continue;
            }

            if (value is JsonObject o && o.ContainsKey("expression"))
            {
                inputs[key] = o.Deserialize<InputValue>(options)
                    ?? throw new JsonException($"Activity '{id}' input '{key}' is empty.");
                if (inputs[key].Expression is null)
                {
                    throw new JsonException($"Activity '{id}' input '{key}' has no expression.");
                }
            }
            else
            {
                extra[key] = value?.DeepClone();
            }
        }

        return new ActivityNode
        {
            Id = id,
            Type = type,
            Version = ReadVersion(obj, id),
            Name = ReadString(obj, "name"),
            Inputs = inputs,
            Resilience = obj["resilience"]?.Deserialize<ResilienceSettings>(options),
            Activities = obj["activities"]?.Deserialize<List<ActivityNode>>(options),
            Connections = obj["connections"]?.Deserialize<List<Connection>>(options),
            Start = ReadString(obj, "start"),
            Body = obj["body"] is JsonObject body ? FromObject(body, options) : null,
            Metadata = obj["metadata"]?.DeepClone() as JsonObject,
            Extra = extra,
        };
    }

    private static int ReadVersion(JsonObject obj, string id) =>
        obj["version"] switch
        {
            null => 1,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && int.TryParse(v.ToJsonString(), out int version) => version,
            _ => throw new JsonException($"Activity '{id}': 'version' must be a whole number."),
        };

    private static string? ReadString(JsonObject obj, string name) =>
        obj[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out string? s) => s,
            var other => throw new JsonException($"'{name}' must be a string, not {other.GetValueKind()}."),
        };

    public override void Write(Utf8JsonWriter writer, ActivityNode value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        writer.WriteString("type", value.Type);
        writer.WriteNumber("version", value.Version);
        if (value.Name is not null)
        {
            writer.WriteString("name", value.Name);
        }

        foreach (var (name, input) in value.Inputs)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, input, options);
        }

        if (value.Resilience is not null)
        {
            writer.WritePropertyName("resilience");
            JsonSerializer.Serialize(writer, value.Resilience, options);
        }

        if (value.Start is not null)
        {
            writer.WriteString("start", value.Start);
        }

        if (value.Activities is not null)
        {
            writer.WritePropertyName("activities");
            JsonSerializer.Serialize(writer, value.Activities, options);
        }

        if (value.Connections is not null)
        {
            writer.WritePropertyName("connections");
            JsonSerializer.Serialize(writer, value.Connections, options);
        }

        if (value.Body is not null)
        {
            writer.WritePropertyName("body");
            Write(writer, value.Body, options);
        }

        foreach (var (name, node) in value.Extra)
        {
            writer.WritePropertyName(name);
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer, options);
            }
        }

        if (value.Metadata is not null)
        {
            writer.WritePropertyName("metadata");
            value.Metadata.WriteTo(writer, options);
        }

        writer.WriteEndObject();
    }
}
