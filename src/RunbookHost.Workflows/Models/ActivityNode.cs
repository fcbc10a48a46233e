using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunbookHost.Workflows.Serialization;

namespace RunbookHost.Workflows.Models;

/// <summary>
/// One activity in a definition, in Elsa 3's shape: <c>id</c>, <c>type</c>, <c>version</c>, each
/// input as a property holding <c>{typeName, expression}</c>, composite parts (<c>activities</c>,
/// <c>connections</c>, <c>body</c>) and <c>metadata</c> (designer layout). Unknown properties are
/// kept and written back, so a definition round-trips losslessly.
/// </summary>
[JsonConverter(typeof(ActivityNodeConverter))]
public sealed class ActivityNode
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public int Version { get; init; } = 1;

    /// <summary>Optional human name shown by the designer instead of the type.</summary>
    public string? Name { get; init; }

    public Dictionary<string, InputValue> Inputs { get; init; } = new(StringComparer.Ordinal);

    public ResilienceSettings? Resilience { get; init; }

    /// <summary>Child activities (Flowchart only).</summary>
    public List<ActivityNode>? Activities { get; init; }

    /// <summary>Connections between the child activities (Flowchart only).</summary>
    public List<Connection>? Connections { get; init; }

    /// <summary>Explicit start activity id (Flowchart only; optional).</summary>
    public string? Start { get; init; }

    /// <summary>The activity run once per item (ForEach only).</summary>
    public ActivityNode? Body { get; init; }

    public JsonObject? Metadata { get; init; }

    /// <summary>Properties this engine does not interpret, preserved for round-trips.</summary>
    public Dictionary<string, JsonNode?> Extra { get; init; } = new(StringComparer.Ordinal);

    public InputValue? GetInput(string name) => Inputs.TryGetValue(name, out var value) ? value : null;

    /// <summary>Direct children of a composite: flowchart activities and a ForEach body.</summary>
    public IEnumerable<ActivityNode> Children()
    {
        if (Activities is not null)
        {
            foreach (var a in Activities)
            {
                yield return a;
            }
        }

        if (Body is not null)
        {
            yield return Body;
        }
    }
}
