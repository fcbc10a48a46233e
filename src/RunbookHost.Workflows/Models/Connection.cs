using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunbookHost.Workflows.Models;

/// <summary>One end of a connection: an activity and one of its ports.</summary>
public sealed record Endpoint(
    [property: JsonPropertyName("activity")] string Activity,
    [property: JsonPropertyName("port")] string Port);

/// <summary>A connection from an outcome port of one activity to the input port of another.</summary>
public sealed record Connection(
    [property: JsonPropertyName("source")] Endpoint Source,
    [property: JsonPropertyName("target")] Endpoint Target)
{
    /// <summary>The target port every activity accepts.</summary>
    public const string InPort = "In";

    /// <summary>Designer data (vertices and the like) carried through unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static Connection Between(string source, string port, string target) =>
        new(new Endpoint(source, port), new Endpoint(target, InPort));
}
