using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RunbookHost.Workflows.Activities;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Descriptors;

/// <summary>What the designer and the validator know of an activity type, generated from its class.</summary>
public sealed record ActivityDescriptor
{
    public required string Type { get; init; }

    public required string Category { get; init; }

    public required string DisplayName { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<InputDescriptor> Inputs { get; init; }

    public required IReadOnlyList<OutputDescriptor> Outputs { get; init; }

    /// <summary>The default outcome ports; some activities derive theirs from inputs (Switch, Fork).</summary>
    public required IReadOnlyList<string> Outcomes { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<SideEffect>))]
    public required SideEffect SideEffect { get; init; }

    public required ResilienceSettings DefaultResilience { get; init; }

    /// <summary>Whether the activity can ask the real system if an interrupted run of it took effect.</summary>
    public bool Reconcilable { get; init; }

    /// <summary>Whether the activity holds other activities (Flowchart, ForEach).</summary>
    public bool IsComposite { get; init; }

    public InputDescriptor? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);
}

/// <summary>One input of an activity type.</summary>
public sealed record InputDescriptor(
    string Name,
    string TypeName,
    bool Required,
    JsonNode? DefaultValue,
    string Description,
    IReadOnlyList<string>? Options = null,
    string? DisplayName = null,
    string? UIHint = null);

/// <summary>One output of an activity type.</summary>
public sealed record OutputDescriptor(string Name, string TypeName, string Description);
