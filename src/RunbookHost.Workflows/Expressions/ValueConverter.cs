using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookHost.Workflows.Expressions;

/// <summary>Converts between input JSON values and the .NET types activities declare, and names those types.</summary>
public static class ValueConverter
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(string)] = "String",
        [typeof(int)] = "Int32",
        [typeof(long)] = "Int64",
        [typeof(double)] = "Double",
        [typeof(bool)] = "Boolean",
        [typeof(TimeSpan)] = "TimeSpan",
        [typeof(DateTimeOffset)] = "DateTimeOffset",
        [typeof(string[])] = "String[]",
        [typeof(JsonNode)] = "Object",
        [typeof(JsonArray)] = "Object[]",
        [typeof(JsonObject)] = "Object",
    };

    /// <summary>The type name shown in descriptors and written in definitions (Elsa style: String, Int32, ...).</summary>
    public static string TypeName(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return Names.TryGetValue(t, out string? name) ? name
            : t.IsEnum ? "String"
            : "Object";
    }

    public static T Convert<T>(JsonNode? value, string what)
    {
        try
        {
            return (T)Convert(value, typeof(T))!;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException or OverflowException or ArgumentException or InvalidCastException)
        {
            var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            string expected = type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}" : $"a valid {TypeName(typeof(T))}";
            throw new ExpressionException($"The value of {what} is not {expected}: {Describe(value)}.", ex);
        }
    }

    /// <summary>Whether <paramref name="value"/> converts to the type named <paramref name="typeName"/>.</summary>
    public static bool IsConvertible(JsonNode? value, string typeName)
    {
        var type = Names.FirstOrDefault(p => p.Value == typeName).Key;
        if (type is null || value is null)
        {
            return true;
        }

        try
        {
            Convert(value, type);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException or OverflowException or ArgumentException or InvalidCastException)
        {
            return false;
        }
    }

    internal static object? Convert(JsonNode? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
        {
            return target == type && type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (target == typeof(JsonNode))
        {
            return value;
        }

        if (target == typeof(JsonObject))
        {
            return value as JsonObject ?? throw new InvalidCastException("not an object");
        }

        if (target == typeof(JsonArray))
        {
            return value as JsonArray ?? throw new InvalidCastException("not a list");
        }

        if (target == typeof(string))
        {
            return value is JsonValue sv && sv.GetValueKind() == JsonValueKind.String ? Serialization.CanonicalJson.StringOf(sv) : value.ToJsonString();
        }

        if (target == typeof(bool))
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => bool.Parse(value.GetValue<string>()),
                _ => throw new InvalidCastException("not a boolean"),
            };
        }

        if (target == typeof(int) || target == typeof(long) || target == typeof(double))
        {
            string text = value.GetValueKind() switch
            {
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.String => value.GetValue<string>(),
                _ => throw new InvalidCastException("not a number"),
            };
            double d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (target == typeof(double))
            {
                return d;
            }

            if (d != Math.Floor(d))
            {
                throw new FormatException("not a whole number");
            }

            return target == typeof(int) ? (object)checked((int)d) : checked((long)d);
        }

        if (target == typeof(TimeSpan))
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.Number => TimeSpan.FromSeconds(double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)),
                JsonValueKind.String => ParseTimeSpan(Serialization.CanonicalJson.StringOf(value.AsValue())),
                _ => throw new InvalidCastException("not a duration"),
            };
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(Serialization.CanonicalJson.StringOf(value.AsValue()), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (target == typeof(string[]))
        {
            return value switch
            {
                JsonArray array => array.Select(i => (string)Convert(i, typeof(string))!).ToArray(),
                JsonValue v when v.GetValueKind() == JsonValueKind.String =>
                    v.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                _ => throw new InvalidCastException("not a list of strings"),
            };
        }

        if (target.IsEnum)
        {
            string name = value.GetValueKind() == JsonValueKind.String ? Serialization.CanonicalJson.StringOf(value.AsValue()) : value.ToJsonString();
            var match = Enum.GetNames(target).FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"must be one of {string.Join(", ", Enum.GetNames(target))}");
            return Enum.Parse(target, match);
        }

        return value.Deserialize(target, Serialization.WorkflowJson.Options);
    }

    /// <summary>Durations as "hh:mm:ss", "d.hh:mm:ss" or ISO 8601 ("PT5M").</summary>
    public static TimeSpan ParseTimeSpan(string text)
    {
        // A bare number is seconds, as a JSON number is (TimeSpan.Parse would read "300" as 300 days).
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (text.StartsWith('P') || text.StartsWith('-'))
        {
            return System.Xml.XmlConvert.ToTimeSpan(text);
        }

        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }

    public static JsonNode? ToJson<T>(T value) => value switch
    {
        null => null,
        JsonNode node => node,
        TimeSpan ts => JsonValue.Create(ts.ToString("c", CultureInfo.InvariantCulture)),
        _ => JsonSerializer.SerializeToNode(value, Serialization.WorkflowJson.Options),
    };

    private static string Describe(JsonNode? value)
    {
        string text = value?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..80] + "..." : text;
    }
}
