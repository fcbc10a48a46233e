using System.Text.Json.Nodes;
using RunbookHost.Workflows.Activities.Flow;

namespace RunbookHost.Server.Api;

/// <summary>Limits on a run's input (start and plan), checked before the engine sees it.</summary>
internal static class RunInput
{
    /// <summary>The most items a list in a run's input may hold: what one ForEach accepts.</summary>
    public const int MaxListItems = ForEach.MaxItems;

    /// <summary>Adds an error naming every list in <paramref name="input"/> longer than <see cref="MaxListItems"/>.</summary>
    public static void CheckLists(JsonNode? input, List<FieldError> errors) => Check(input, "input", errors);

    private static void Check(JsonNode? node, string path, List<FieldError> errors)
    {
        switch (node)
        {
            case JsonArray array when array.Count > MaxListItems:
                errors.Add(new FieldError(path, $"'{path}' has {array.Count} items; a list in a run's input may hold at most {MaxListItems}."));
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Check(array[i], $"{path}[{i}]", errors);
                }

                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Check(value, $"{path}.{name}", errors);
                }

                break;
        }
    }
}
