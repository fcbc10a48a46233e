using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RunbookHost.Workflows.Models;

/// <summary>A declared workflow input, with its type and default.</summary>
public sealed record WorkflowInput
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("typeName")]
    public string TypeName { get; init; } = "String";

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("required")]
    public bool Required { get; init; }

    [JsonPropertyName("defaultValue")]
    public JsonNode? DefaultValue { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A workflow variable with its initial value.</summary>
public sealed record WorkflowVariable
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("typeName")]
    public string TypeName { get; init; } = "Object";

    [JsonPropertyName("value")]
    public JsonNode? Value { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>
/// A versioned workflow definition in Elsa 3's JSON shape. Saving creates a new draft version;
/// publishing makes a version the one new runs use; a run stays on the version it started with.
/// </summary>
public sealed record WorkflowDefinition
{
    [JsonPropertyName("definitionId")]
    public required string DefinitionId { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("version")]
    public int Version { get; init; }

    [JsonPropertyName("isPublished")]
    public bool IsPublished { get; init; }

    [JsonPropertyName("inputs")]
    public List<WorkflowInput> Inputs { get; init; } = [];

    [JsonPropertyName("variables")]
    public List<WorkflowVariable> Variables { get; init; } = [];

    [JsonPropertyName("root")]
    public required ActivityNode Root { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
