using System.Text.Json;

namespace RunbookHost.Server.Api;

/// <summary>
/// The members of a gate's payload the API shows (<c>kind</c>, <c>title</c>, <c>instructions</c>,
/// <c>allowedRoles</c>), found by one pass of a <see cref="Utf8JsonReader"/> over the stored JSON object
/// without parsing it into nodes. Names match as a <c>JsonObject</c> matches them (exactly, after unescaping);
/// of a name given twice, the last counts, as for <see cref="JsonElement.GetProperty(string)"/>.
/// </summary>
internal readonly ref struct GatePayload
{
    public Member Kind { get; private init; }

    public Member Title { get; private init; }

    public Member Instructions { get; private init; }

    public Member AllowedRoles { get; private init; }

    /// <exception cref="InvalidDataException">The payload is not a JSON object.</exception>
    /// <exception cref="JsonException">The payload is not valid JSON.</exception>
    public static GatePayload Read(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("A gate's payload is not a JSON object.");
        }

        Member kind = default, title = default, instructions = default, allowedRoles = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int name = reader.ValueTextEquals("kind"u8) ? 1
                : reader.ValueTextEquals("title"u8) ? 2
                : reader.ValueTextEquals("instructions"u8) ? 3
                : reader.ValueTextEquals("allowedRoles"u8) ? 4
                : 0;
            reader.Read();
            var token = reader.TokenType;
            bool escaped = token == JsonTokenType.String && reader.ValueIsEscaped;
            int start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            var member = new Member(token, payload[start..checked((int)reader.BytesConsumed)], escaped);
            switch (name)
            {
                case 1:
                    kind = member;
                    break;
                case 2:
                    title = member;
                    break;
                case 3:
                    instructions = member;
                    break;
                case 4:
                    allowedRoles = member;
                    break;
            }
        }

        return new GatePayload { Kind = kind, Title = title, Instructions = instructions, AllowedRoles = allowedRoles };
    }

    /// <summary>One member's value as it is in the payload (a string with its quotes); default when absent.</summary>
    public readonly ref struct Member(JsonTokenType token, ReadOnlySpan<byte> json, bool isEscaped)
    {
        public JsonTokenType Token { get; } = token;

        /// <summary>The value's JSON text.</summary>
        public ReadOnlySpan<byte> Json { get; } = json;

        /// <summary>A string with escapes in it.</summary>
        public bool IsEscaped { get; } = isEscaped;

        /// <summary>Absent, or JSON <c>null</c>: what <c>JsonObject[name]</c> gives as null.</summary>
        public bool IsNull => Token is JsonTokenType.None or JsonTokenType.Null;
    }
}
