using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Runtime;

/// <summary>
/// Reads a <see cref="RunState"/> from its JSON, as <c>JsonSerializer</c> with <see cref="RunStateJson"/>
/// reads it (members in any order, unknown members skipped, enums by name or number), straight off a
/// <see cref="Utf8JsonReader"/>: every execution of a run starts by reading its state, and the
/// serializer's set-up for records with constructors cost more than the rest of a short run's start.
/// A test holds the two readers to the same result.
/// </summary>
internal static class RunStateReader
{
    public static RunState Read(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        Next(ref reader);
        Expect(ref reader, JsonTokenType.StartObject, "a run's state");
        var state = new RunState();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("scopes"u8))
            {
                ReadObject(ref reader, state.Scopes, ReadScope);
            }
            else if (reader.ValueTextEquals("ready"u8))
            {
                ReadArray(ref reader, state.Ready, ReadWorkItem);
            }
            else if (reader.ValueTextEquals("activities"u8))
            {
                ReadObject(ref reader, state.Activities, ReadActivity);
            }
            else if (reader.ValueTextEquals("variables"u8))
            {
                ReadObject(ref reader, state.Variables, ReadNode);
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                ReadObject(ref reader, state.Outputs, static (ref Utf8JsonReader r) => ReadNode(ref r)?.AsObject() ?? []);
            }
            else if (reader.ValueTextEquals("cancelReason"u8))
            {
                state.CancelReason = ReadString(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return state;
    }

    private delegate T ValueReader<out T>(ref Utf8JsonReader reader);

    /// <summary>An object of values keyed by name (the reader is on its property name); null reads as empty.</summary>
    private static void ReadObject<T>(ref Utf8JsonReader reader, Dictionary<string, T> into, ValueReader<T> read)
    {
        if (Next(ref reader) == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject, "an object");
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            Next(ref reader);
            into[key] = read(ref reader);
        }
    }

    /// <summary>An array of values (the reader is on its property name); null reads as empty.</summary>
    private static void ReadArray<T>(ref Utf8JsonReader reader, List<T> into, ValueReader<T> read)
    {
        if (Next(ref reader) == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray, "an array");
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            into.Add(read(ref reader));
        }
    }

    private static JsonNode? ReadNode(ref Utf8JsonReader reader) => JsonNode.Parse(ref reader);

    private static ScopeState ReadScope(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a scope");
        string? id = null, parent = null, ownerPath = null;
        int index = 0;
        var locals = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("parent"u8))
            {
                parent = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("ownerPath"u8))
            {
                ownerPath = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                Next(ref reader);
                index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("locals"u8))
            {
                ReadObject(ref reader, locals, ReadNode);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new ScopeState
        {
            Id = Required(id, "id"),
            Parent = Required(parent, "parent"),
            OwnerPath = Required(ownerPath, "ownerPath"),
            Index = index,
            Locals = locals,
        };
    }

    private static WorkItem ReadWorkItem(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a ready item");
        string? scope = null, nodeId = null, from = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("scope"u8))
            {
                scope = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("nodeId"u8))
            {
                nodeId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("from"u8))
            {
                from = ReadString(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new WorkItem(Required(scope, "scope"), Required(nodeId, "nodeId"), from);
    }

    private static ActivityState ReadActivity(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an activity");
        string? nodeId = null, type = null, scope = null, bookmarkId = null, incidentId = null, error = null;
        ActivityStatus status = default;
        List<string>? outcomes = null, arrived = null;
        DateTimeOffset? startedAt = null, completedAt = null, retryAt = null;
        int attempt = 0, openScopes = 0;
        JsonObject? activityState = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("nodeId"u8))
            {
                nodeId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("scope"u8))
            {
                scope = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                status = ReadStatus(ref reader);
            }
            else if (reader.ValueTextEquals("outcomes"u8))
            {
                outcomes = ReadStrings(ref reader);
            }
            else if (reader.ValueTextEquals("startedAt"u8))
            {
                startedAt = ReadTime(ref reader);
            }
            else if (reader.ValueTextEquals("completedAt"u8))
            {
                completedAt = ReadTime(ref reader);
            }
            else if (reader.ValueTextEquals("attempt"u8))
            {
                Next(ref reader);
                attempt = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("retryAt"u8))
            {
                retryAt = ReadTime(ref reader);
            }
            else if (reader.ValueTextEquals("bookmarkId"u8))
            {
                bookmarkId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("incidentId"u8))
            {
                incidentId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("arrived"u8))
            {
                arrived = ReadStrings(ref reader);
            }
            else if (reader.ValueTextEquals("openScopes"u8))
            {
                Next(ref reader);
                openScopes = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                Next(ref reader);
                activityState = ReadNode(ref reader)?.AsObject();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                error = ReadString(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new ActivityState
        {
            NodeId = Required(nodeId, "nodeId"),
            Type = Required(type, "type"),
            Scope = Required(scope, "scope"),
            Status = status,
            Outcomes = outcomes,
            StartedAt = startedAt,
            CompletedAt = completedAt,
            Attempt = attempt,
            RetryAt = retryAt,
            BookmarkId = bookmarkId,
            IncidentId = incidentId,
            Arrived = arrived,
            OpenScopes = openScopes,
            State = activityState,
            Error = error,
        };
    }

    private static ActivityStatus ReadStatus(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) == JsonTokenType.Number)
        {
            return (ActivityStatus)reader.GetInt32();
        }

        string text = reader.GetString()!;
        return text.Length > 0 && !char.IsAsciiDigit(text[0]) && text[0] != '-' && Enum.TryParse<ActivityStatus>(text, ignoreCase: true, out var status)
            ? status
            : throw new JsonException($"A run's state has an unknown activity status '{text}'.");
    }

    private static List<string>? ReadStrings(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "a list of strings");
        var values = new List<string>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            values.Add(reader.GetString()!);
        }

        return values;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.GetString();
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader) =>
        Next(ref reader) == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    private static void Skip(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("A run's state ends too early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"A run's state has {reader.TokenType} where {what} belongs.");
        }
    }

    private static string Required(string? value, string name) =>
        value ?? throw new JsonException($"A run's state lacks the required '{name}'.");
}
