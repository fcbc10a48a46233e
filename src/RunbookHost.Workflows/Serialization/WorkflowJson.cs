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
            return JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new DefinitionFormatException("The definition is empty (null).");
        }
        catch (JsonException ex)
        {
            string where = ex.Path is null or "$" ? string.Empty : $" at {ex.Path}";
            throw new DefinitionFormatException($"The definition is not valid JSON{where}: {ex.Message}", ex);
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
