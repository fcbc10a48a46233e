using Microsoft.Extensions.DependencyInjection;
using RunbookHost.Workflows.Hosting;
using RunbookHost.Workflows.Models;
using RunbookHost.Workflows.Validation;

namespace RunbookHost.Workflows.Tests.Validation;

/// <summary>The validator of a host with the built-in activities and <see cref="TypedActivity"/>.</summary>
internal static class Validator
{
    private static readonly DefinitionValidator Instance = new ServiceCollection()
        .AddRunbookWorkflows()
        .AddActivity<TypedActivity>()
        .BuildServiceProvider()
        .GetRequiredService<DefinitionValidator>();

    public static IReadOnlyList<ValidationError> Errors(WorkflowDefinition definition) => Instance.Validate(definition).Errors;

    /// <summary>The one error at <paramref name="path"/>; fails listing every error when there is not exactly one.</summary>
    public static ValidationError ErrorAt(WorkflowDefinition definition, string path)
    {
        var errors = Errors(definition);
        var at = errors.Where(e => e.Path == path).ToList();
        Assert.HasCount(1, at, $"Expected one error at '{path}'; got: {Describe(errors)}");
        return at[0];
    }

    /// <summary>Asserts the message names the activity (quoted id) and the field.</summary>
    public static void AssertNames(ValidationError error, string activityId, string field)
    {
        Assert.Contains($"'{activityId}'", error.Message, $"The message should name activity '{activityId}': {error.Message}");
        Assert.Contains(field, error.Message, $"The message should name '{field}': {error.Message}");
    }

    public static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join(" | ", errors.Select(e => $"{e.Path}: {e.Message}")) is { Length: > 0 } text ? text : "(none)";
}
