namespace RunbookHost.Workflows.Validation;

/// <summary>One problem in a definition: where (<c>root/flip.siteName</c>) and what.</summary>
public sealed record ValidationError(string Path, string Message);

/// <summary>The problems found in a definition; valid when there are none.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationError> Errors)
{
    public bool Valid => Errors.Count == 0;
}

/// <summary>A definition was refused; <see cref="Errors"/> names every problem.</summary>
public sealed class DefinitionInvalidException(string definitionId, IReadOnlyList<ValidationError> errors)
    : Exception($"Workflow '{definitionId}' is not valid: {string.Join("; ", errors.Take(5).Select(e => $"{e.Path}: {e.Message}"))}{(errors.Count > 5 ? $" (and {errors.Count - 5} more)" : string.Empty)}")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
