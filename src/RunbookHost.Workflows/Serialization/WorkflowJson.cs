using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunbookHost.Workflows.Models;

namespace RunbookHost.Workflows.Serialization;

/// <summary>Reads and writes workflow definitions as JSON, losslessly.</summary>
public static class WorkflowJson
{
    /// <summary>The options every definition is read and written with: camelCase, nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);

    /// <summary>As <see cref="Options"/>, indented for files people read.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(writeIndented: true);

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = writeIndented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Default,
            MaxDepth = 64,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Parses a definition, naming what is malformed.</summary>
    /// <exception cref="DefinitionFormatException">The text is not a well-formed definition.</exception>
    public static WorkflowDefinition Parse(string json)
    {
        try
        {
            var definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new DefinitionFormatException("The definition is empty (null).");
            CheckStructure(definition);
            return definition;
        }
        catch (JsonException ex)
        {
            string where = ex.Path is null or "$" ? string.Empty : $" at {ex.Path}";
            throw new DefinitionFormatException($"The definition is not valid JSON{where}: {ex.Message}", ex);
        }
    }

    /// <summary>Refuses the nulls JSON allows where the model needs a value, naming where they are.</summary>
    private static void CheckStructure(WorkflowDefinition definition)
    {
        if (definition.DefinitionId is null)
        {
            throw new DefinitionFormatException("The definition has no 'definitionId'.");
        }

        if (definition.Root is null)
        {
            throw new DefinitionFormatException("The definition has no 'root' activity.");
        }

        for (int i = 0; i < (definition.Inputs?.Count ?? 0); i++)
        {
            if (definition.Inputs![i] is not { Name: not null, TypeName: not null })
            {
                throw new DefinitionFormatException($"inputs[{i}] needs a 'name' and a 'typeName'.");
            }
        }

        for (int i = 0; i < (definition.Variables?.Count ?? 0); i++)
        {
            if (definition.Variables![i] is not { Name: not null, TypeName: not null })
            {
                throw new DefinitionFormatException($"variables[{i}] needs a 'name' and a 'typeName'.");
            }
        }

        if (definition.Inputs is null || definition.Variables is null)
        {
            throw new DefinitionFormatException("'inputs' and 'variables' must be lists when present.");
        }

        CheckNode(definition.Root, "root");
    }

    private static void CheckNode(ActivityNode node, string path)
    {
        foreach (var (name, input) in node.Inputs)
        {
            if (input.Expression is not { Type: not null })
            {
                throw new DefinitionFormatException($"{path}.{name}: the input needs an 'expression' with a 'type'.");
            }
        }

        for (int i = 0; i < (node.Activities?.Count ?? 0); i++)
        {
            var child = node.Activities![i] ?? throw new DefinitionFormatException($"{path}.activities[{i}] is null.");
            CheckNode(child, $"{path}/{child.Id}");
        }

        for (int i = 0; i < (node.Connections?.Count ?? 0); i++)
        {
            if (node.Connections![i] is not { Source: { Activity: not null, Port: not null }, Target: { Activity: not null, Port: not null } })
            {
                throw new DefinitionFormatException($"{path}.connections[{i}] needs a source and a target, each with an 'activity' and a 'port'.");
            }
        }

        if (node.Body is not null)
        {
            CheckNode(node.Body, $"{path}/{node.Body.Id}");
        }
    }

    public static string Serialize(WorkflowDefinition definition, bool indented = false) =>
        JsonSerializer.Serialize(definition, indented ? IndentedOptions : Options);
}

/// <summary>A definition's text could not be read as a definition.</summary>
public sealed class DefinitionFormatException : Exception
{
    public DefinitionFormatException(string message)
        : base(message)
    {
    }

    public DefinitionFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
